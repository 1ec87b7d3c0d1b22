#pragma once
// A YAML document as a tree of located nodes, read with libfyaml's event parser (several times
// quicker than yaml-cpp's, with every node's position). Internal to the library: libfyaml stays
// out of users' includes. Aliases share the node they name instead of copying it, so a file of
// nested aliases stays as small as its text; readers count what they visit.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace dutymap::yaml_tree {

enum class node_type : std::uint8_t {
  undefined,  // a key a map does not have
  null,       // an empty value, `~` or a plain `null`
  scalar,
  list,
  map,
};

struct document_data;

// A handle to a node of a document; valid while the document lives. Cheap to copy.
class node {
 public:
  node() = default;  // undefined

  node_type type() const;
  bool is_defined() const { return type() != node_type::undefined; }
  bool is_null() const { return type() == node_type::null; }
  bool is_scalar() const { return type() == node_type::scalar; }
  bool is_list() const { return type() == node_type::list; }
  bool is_map() const { return type() == node_type::map; }
  // A scalar's text (escapes resolved, lines folded); empty for anything else.
  const std::string& text() const;
  // Where the node starts: 0-based line and column; nullopt for an undefined node.
  std::optional<std::pair<int, int>> position() const;

  // Children held in the document, read as nodes (a list's items) or as (key, value) pairs (a
  // map's entries).
  template <bool Pairs>
  class children {
   public:
    using value_type = std::conditional_t<Pairs, std::pair<node, node>, node>;
    class iterator {
     public:
      iterator(const document_data* d, const std::uint32_t* at) : d_(d), at_(at) {}
      value_type operator*() const {
        if constexpr (Pairs)
          return {node(d_, at_[0]), node(d_, at_[1])};
        else
          return node(d_, *at_);
      }
      iterator& operator++() {
        at_ += Pairs ? 2 : 1;
        return *this;
      }
      bool operator!=(const iterator& o) const { return at_ != o.at_; }

     private:
      const document_data* d_;
      const std::uint32_t* at_;
    };
    iterator begin() const { return {d_, ids_.data()}; }
    iterator end() const { return {d_, ids_.data() + ids_.size()}; }
    std::size_t size() const { return Pairs ? ids_.size() / 2 : ids_.size(); }

   private:
    friend class node;
    children(const document_data* d, std::span<const std::uint32_t> ids) : d_(d), ids_(ids) {}
    const document_data* d_;
    std::span<const std::uint32_t> ids_;
  };

  // A list's items, in order (none for anything else).
  children<false> items() const;
  // A map's (key, value) entries, in order (none for anything else).
  children<true> entries() const;

 private:
  friend class document;
  node(const document_data* d, std::uint32_t id) : d_(d), id_(id) {}
  std::span<const std::uint32_t> child_ids(node_type wanted) const;
  const document_data* d_ = nullptr;
  std::uint32_t id_ = 0;
};

// Why a text is not YAML: the parser's message and its place (1-based; 0 when unknown).
struct syntax_error {
  int line = 0, column = 0;
  std::string message;
};

class document {
 public:
  // Reads the first document of `text`; a syntax error (or a second document, which a corpus
  // file must not hold) gives nullopt and `error`.
  static std::optional<document> parse(std::string_view text, syntax_error& error);

  // The root; a null node when the text holds no document (only comments).
  node root() const;

  document(document&&) noexcept;
  document& operator=(document&&) noexcept;
  ~document();

 private:
  document();
  std::unique_ptr<document_data> d_;  // on the heap: nodes keep pointing to it across moves
};

}  // namespace dutymap::yaml_tree
