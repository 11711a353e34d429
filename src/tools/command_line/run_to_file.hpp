// run_to_file(): runs a program with its standard output and error going to a file, and waits
// for it; safemap-explore runs each schedule so, and explore_throughput times it.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace safemap::command_line {

struct finished_run {
  int spawn_error = 0;  // posix_spawnp's error number: 0 when the program ran
  int status = 0;       // waitpid's, when it ran
};

// `words`: the program (looked up in PATH) and its arguments; `environment`: null-terminated.
inline finished_run run_to_file(std::vector<std::string> words, char* const* environment,
                                const std::filesystem::path& output) {
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t child = 0;
  finished_run finished;
  finished.spawn_error =
      posix_spawnp(&child, argv.front(), &actions, nullptr, argv.data(), environment);
  posix_spawn_file_actions_destroy(&actions);
  if (finished.spawn_error == 0) ::waitpid(child, &finished.status, 0);
  return finished;
}

}  // namespace safemap::command_line
