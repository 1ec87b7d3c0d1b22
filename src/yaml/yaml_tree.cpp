// Building a located node tree from libfyaml's parser events.

#include "yaml_tree.hpp"

#include <libfyaml.h>

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace dutymap::yaml_tree {

struct node_data {
  node_type type = node_type::null;
  int line = 0, column = 0;            // 0-based
  std::uint32_t first = 0, count = 0;  // children: ids[first, first + count) of `children`
  std::string text;
};

struct document_data {
  std::vector<node_data> nodes;
  std::vector<std::uint32_t> children;  // a list's items, a map's keys and values in turn
  std::uint32_t root = 0;
};

namespace {

const std::string no_text;

// The parser reports errors through a diagnostic object, as "<input>:line:column: error: what"
// followed by the source line; the first error is kept.
void keep_first_error(fy_diag*, void* user, const char* buf, size_t len) {
  auto* out = static_cast<std::string*>(user);
  if (out->empty()) out->assign(buf, len);
}

syntax_error error_from(const std::string& report) {
  syntax_error e;
  const auto at = report.find(": error: ");
  if (at == std::string::npos) {
    e.message = report.substr(0, report.find('\n'));
    return e;
  }
  e.message = report.substr(at + 9, report.find('\n', at) - (at + 9));
  // Back from ": error: " over ":column" and ":line".
  const auto colon2 = report.rfind(':', at - 1);
  const auto colon1 = colon2 == std::string::npos ? colon2 : report.rfind(':', colon2 - 1);
  if (colon1 != std::string::npos) {
    std::from_chars(report.data() + colon1 + 1, report.data() + colon2, e.line);
    std::from_chars(report.data() + colon2 + 1, report.data() + at, e.column);
  }
  return e;
}

// A problem at a parser mark (0-based) as a reader counts (1-based); 0 when there is no mark.
syntax_error error_at(const fy_mark* m, std::string message) {
  return {m ? m->line + 1 : 0, m ? m->column + 1 : 0, std::move(message)};
}

std::string_view token_text(fy_token* t) {
  if (!t) return {};
  std::size_t n = 0;
  const char* s = fy_token_get_text(t, &n);
  return s ? std::string_view(s, n) : std::string_view{};
}

// A plain scalar that YAML reads as null (quoted, it is text).
bool plain_null(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

// Owns the parser and its diagnostics for one parse.
class event_reader {
 public:
  explicit event_reader(std::string_view text) {
    fy_diag_cfg dc;
    fy_diag_cfg_default(&dc);
    dc.fp = nullptr;
    dc.output_fn = keep_first_error;
    dc.user = &report_;
    dc.colorize = false;
    diag_ = fy_diag_create(&dc);
    fy_parse_cfg cfg{};
    cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET);
    cfg.diag = diag_;
    parser_ = fy_parser_create(&cfg);
    if (parser_) fy_parser_set_string(parser_, text.data(), text.size());
  }
  ~event_reader() {
    if (parser_) fy_parser_destroy(parser_);
    if (diag_) fy_diag_destroy(diag_);
  }
  event_reader(const event_reader&) = delete;
  event_reader& operator=(const event_reader&) = delete;

  bool ready() const { return parser_ != nullptr; }
  fy_event* next() { return fy_parser_parse(parser_); }
  void release(fy_event* e) { fy_parser_event_free(parser_, e); }
  bool failed() const { return fy_parser_get_stream_error(parser_); }
  const std::string& report() const { return report_; }

 private:
  std::string report_;
  fy_diag* diag_ = nullptr;
  fy_parser* parser_ = nullptr;
};

// Turns events into nodes: a collection's children wait on `pending` until it ends.
class builder {
 public:
  builder(document_data& d, std::string_view input) : d_(d), input_(input) {}

  // Returns false, with `error`, for an event that cannot be placed (an unknown alias).
  bool add(fy_event* e, syntax_error& error) {
    const fy_mark* m = fy_event_start_mark(e);
    switch (e->type) {
      case FYET_SCALAR: {
        if (!block_text_indented(e, error)) return false;
        const auto text = token_text(e->scalar.value);
        const bool plain = !e->scalar.value || fy_token_scalar_style(e->scalar.value) == FYSS_PLAIN;
        const auto id = make(plain && plain_null(text) ? node_type::null : node_type::scalar, m);
        if (d_.nodes[id].type == node_type::scalar) d_.nodes[id].text = text;
        anchor(e->scalar.anchor, id);
        done(id);
        return true;
      }
      case FYET_ALIAS: {
        const auto name = token_text(e->alias.anchor);
        const auto it = anchors_.find(std::string(name));
        if (it == anchors_.end()) {
          error = error_at(m, "alias `*" + std::string(name) + "` names no anchor before it");
          return false;
        }
        done(it->second);
        return true;
      }
      case FYET_SEQUENCE_START:
      case FYET_MAPPING_START: {
        const bool list = e->type == FYET_SEQUENCE_START;
        const auto id = make(list ? node_type::list : node_type::map, m);
        // The start event (and its anchor token) is freed before the end: keep the name.
        open_.push_back(
            {id, pending_.size(),
             std::string(token_text(list ? e->sequence_start.anchor : e->mapping_start.anchor))});
        return true;
      }
      case FYET_SEQUENCE_END:
      case FYET_MAPPING_END: {
        const open_collection o = std::move(open_.back());
        open_.pop_back();
        auto& n = d_.nodes[o.id];
        n.first = static_cast<std::uint32_t>(d_.children.size());
        n.count = static_cast<std::uint32_t>(pending_.size() - o.start);
        d_.children.insert(d_.children.end(), pending_.begin() + static_cast<long>(o.start),
                           pending_.end());
        pending_.resize(o.start);
        // Anchored once complete: an alias inside the node itself names nothing, so the tree
        // has no cycles.
        if (!o.anchor.empty()) anchors_[o.anchor] = o.id;
        done(o.id);
        return true;
      }
      default:
        return true;
    }
  }

  // Where the innermost list or map still open starts (0-based), if any.
  std::optional<std::pair<int, int>> innermost_open() const {
    if (open_.empty()) return std::nullopt;
    const auto& n = d_.nodes[open_.back().id];
    return std::make_pair(n.line, n.column);
  }

 private:
  // A block scalar's (`|` or `>`) text must be indented more than the list or map it is in. This
  // parser takes less indented lines into the text (and then misjudges its length): refuse them
  // as YAML does.
  bool block_text_indented(fy_event* e, syntax_error& error) const {
    fy_token* value = e->scalar.value;
    if (!value || open_.empty()) return true;
    const auto style = fy_token_scalar_style(value);
    if (style != FYSS_LITERAL && style != FYSS_FOLDED) return true;
    const fy_mark* start = fy_token_start_mark(value);
    const fy_mark* end = fy_token_end_mark(value);
    if (!start || !end) return true;
    // The first line with text, from the line the text starts on (blank lines do not count).
    const std::size_t stop = std::min(end->input_pos, input_.size());
    int line = start->line;
    for (std::size_t at = std::min(start->input_pos, stop); at < stop; ++line) {
      std::size_t indent = 0;
      while (at + indent < stop && input_[at + indent] == ' ') ++indent;
      const char next = at + indent < stop ? input_[at + indent] : '\n';
      if (next != '\n' && next != '\r') {
        const int parent = d_.nodes[open_.back().id].column;
        if (static_cast<int>(indent) > parent) return true;
        error = {line + 1, static_cast<int>(indent) + 1,
                 "the text of a block scalar (`|` or `>`) must be indented more than its key"};
        return false;
      }
      const auto newline = input_.find('\n', at);
      if (newline == std::string_view::npos) break;
      at = newline + 1;
    }
    return true;
  }

  struct open_collection {
    std::uint32_t id;
    std::size_t start;   // where its children begin on `pending_`
    std::string anchor;  // empty: none
  };

  std::uint32_t make(node_type t, const fy_mark* m) {
    node_data n;
    n.type = t;
    if (m) {
      n.line = m->line;
      n.column = m->column;
    }
    d_.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(d_.nodes.size() - 1);
  }
  void anchor(fy_token* name, std::uint32_t id) {
    if (name) anchors_[std::string(token_text(name))] = id;
  }
  void done(std::uint32_t id) {
    if (open_.empty())
      d_.root = id;
    else
      pending_.push_back(id);
  }

  document_data& d_;
  std::string_view input_;
  std::vector<open_collection> open_;
  std::vector<std::uint32_t> pending_;
  std::unordered_map<std::string, std::uint32_t> anchors_;
};

}  // namespace

node_type node::type() const {
  return d_ ? d_->nodes[id_].type : node_type::undefined;
}

const std::string& node::text() const {
  return d_ && d_->nodes[id_].type == node_type::scalar ? d_->nodes[id_].text : no_text;
}

std::optional<std::pair<int, int>> node::position() const {
  if (!d_) return std::nullopt;
  return std::make_pair(d_->nodes[id_].line, d_->nodes[id_].column);
}

std::span<const std::uint32_t> node::child_ids(node_type wanted) const {
  if (!d_ || d_->nodes[id_].type != wanted) return {};
  const auto& n = d_->nodes[id_];
  return {d_->children.data() + n.first, n.count};
}

node::children<false> node::items() const {
  return {d_, child_ids(node_type::list)};
}

node::children<true> node::entries() const {
  return {d_, child_ids(node_type::map)};
}

document::document() : d_(std::make_unique<document_data>()) {}
document::document(document&&) noexcept = default;
document& document::operator=(document&&) noexcept = default;
document::~document() = default;

node document::root() const {
  return node(d_.get(), d_->root);
}

std::optional<document> document::parse(std::string_view text, syntax_error& error) {
  document doc;
  // Without a document the root is a null node (a file of comments only).
  doc.d_->nodes.push_back(node_data{});
  event_reader events(text);
  if (!events.ready()) {
    error = {0, 0, "the YAML parser could not be started"};
    return std::nullopt;
  }
  builder build(*doc.d_, text);
  int documents = 0;
  while (fy_event* e = events.next()) {
    if (e->type == FYET_DOCUMENT_START && ++documents == 2) {
      error =
          error_at(fy_event_start_mark(e), "a second YAML document starts here; a file holds one");
      events.release(e);
      return std::nullopt;
    }
    const bool placed = build.add(e, error);
    events.release(e);
    if (!placed) return std::nullopt;
  }
  if (events.failed()) {
    error = error_from(events.report());
    if (error.message.empty()) error.message = "the YAML parser stopped";
    // An unclosed bracket is reported where the text ends: say where it opened.
    if (error.message.find("without a closing") != std::string::npos)
      if (const auto at = build.innermost_open())
        error.message += " (it opens at line " + std::to_string(at->first + 1) + ", column " +
                         std::to_string(at->second + 1) + ")";
    return std::nullopt;
  }
  return doc;
}

}  // namespace dutymap::yaml_tree
