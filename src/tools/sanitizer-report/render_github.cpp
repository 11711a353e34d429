// github: GitHub Actions workflow commands; each finding becomes an error annotation at its
// location, shown inline on the pull request (on the file, when the location has no line).
#include "render.hpp"
#include "render_common.hpp"

namespace safemap::sanitizer_report {
namespace {

// Workflow-command escaping: data escapes % CR LF; property values also : and ,.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_github(const std::vector<finding>& findings) {
  std::string out;
  for (const finding& found : findings) {
    out += "::error ";
    if (found.where) {
      out += "file=" + escape(found.where->file, true);
      if (found.where->line > 0) out += ",line=" + std::to_string(found.where->line);
      if (found.where->line > 0 && found.where->column > 0) {
        out += ",col=" + std::to_string(found.where->column);
      }
      out += ',';
    }
    out += "title=" + escape(headline(found), true) + "::";
    std::string message;
    for (const std::string& line : explanation(found)) {
      if (!message.empty()) message += '\n';
      message += line;
    }
    out += escape(message, false) + '\n';
  }
  return out;
}

}  // namespace safemap::sanitizer_report
