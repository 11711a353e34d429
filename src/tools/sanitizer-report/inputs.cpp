#include "inputs.hpp"

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace safemap::sanitizer_report {
namespace {

std::string read_stream(std::istream& in) {
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

std::string read_file(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) throw input_error{path + ": no such file"};
  if (std::filesystem::is_directory(status)) throw input_error{path + ": is a directory"};
  std::ifstream in{path, std::ios::binary};
  if (!in) throw input_error{path + ": cannot read: " + std::generic_category().message(errno)};
  std::string text = read_stream(in);
  if (in.bad()) throw input_error{path + ": read error"};
  return text;
}

}  // namespace

std::vector<log_text> read_logs(const std::vector<std::string>& paths) {
  std::vector<log_text> logs;
  if (paths.empty()) {
    logs.push_back({"-", read_stream(std::cin)});
    return logs;
  }
  for (const std::string& path : paths) {
    logs.push_back({path, path == "-" ? read_stream(std::cin) : read_file(path)});
  }
  return logs;
}

}  // namespace safemap::sanitizer_report
