#include "render.hpp"

#include <algorithm>

namespace safemap::sanitizer_report {

std::optional<output_format> parse_format(std::string_view name) {
  const auto found = std::find(format_names.begin(), format_names.end(), name);
  if (found == format_names.end()) return std::nullopt;
  return static_cast<output_format>(found - format_names.begin());
}

std::string render(output_format format, const std::vector<finding>& findings,
                   const render_context& context) {
  switch (format) {
    case output_format::text: return render_text(findings);
    case output_format::json: return render_json(findings);
    case output_format::github: return render_github(findings);
    case output_format::sarif: return render_sarif(findings, context);
    case output_format::markdown: return render_markdown(findings);
  }
  return {};
}

}  // namespace safemap::sanitizer_report
