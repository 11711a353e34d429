#include "command.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

extern char** environ;

namespace safemap::sanitizer_report {
namespace {

// Closes a file descriptor when it goes out of scope.
class descriptor {
 public:
  explicit descriptor(int fd = -1) : fd_{fd} {}
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;
  ~descriptor() { reset(); }
  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// posix_spawn_file_actions_t with its destroy call.
class spawn_actions {
 public:
  spawn_actions() { posix_spawn_file_actions_init(&actions_); }
  spawn_actions(const spawn_actions&) = delete;
  spawn_actions& operator=(const spawn_actions&) = delete;
  ~spawn_actions() { posix_spawn_file_actions_destroy(&actions_); }
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

command_outcome run_command(const std::vector<std::string>& argv, std::FILE* echo) {
  if (argv.empty()) throw command_error{"no command given"};
  int ends[2];
  if (::pipe(ends) != 0)
    throw command_error{std::string{"pipe: "} + std::generic_category().message(errno)};
  descriptor read_end{ends[0]};
  descriptor write_end{ends[1]};

  spawn_actions actions;
  posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(actions.get(), write_end.get(), STDERR_FILENO);
  posix_spawn_file_actions_addclose(actions.get(), read_end.get());
  posix_spawn_file_actions_addclose(actions.get(), write_end.get());

  std::vector<char*> arguments;
  arguments.reserve(argv.size() + 1);
  for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);

  pid_t child = 0;
  const int spawned =
      posix_spawnp(&child, arguments[0], actions.get(), nullptr, arguments.data(), environ);
  if (spawned != 0) {
    throw command_error{"cannot run '" + argv.front() +
                        "': " + std::generic_category().message(spawned)};
  }
  write_end.reset();

  command_outcome outcome;
  char buffer[65536];
  for (;;) {
    const ssize_t got = ::read(read_end.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    outcome.output.append(buffer, static_cast<std::size_t>(got));
    if (echo != nullptr) {
      std::fwrite(buffer, 1, static_cast<std::size_t>(got), echo);
      std::fflush(echo);
    }
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR)
      throw command_error{std::string{"waitpid: "} + std::generic_category().message(errno)};
  }
  if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.exit_code = WEXITSTATUS(status);
  }
  return outcome;
}

std::string describe_end(const command_outcome& outcome) {
  if (outcome.signal != 0) {
    // sigdescr_np, not strsignal: the same text, without strsignal's shared buffer.
    const char* description = ::sigdescr_np(outcome.signal);
    return "signal " + std::to_string(outcome.signal) + " (" +
           (description != nullptr ? description : "unknown signal") + ")";
  }
  return "exit code " + std::to_string(outcome.exit_code);
}

}  // namespace safemap::sanitizer_report
