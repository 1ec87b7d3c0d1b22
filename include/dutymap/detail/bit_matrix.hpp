#pragma once
// A dense matrix of bits, one row per item (a provision's topics, an instrument's topics):
// rows are contiguous words, so intersections and popcounts run over whole words.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace dutymap::detail {

class bit_matrix {
 public:
  bit_matrix() = default;
  bit_matrix(std::size_t rows, std::size_t columns)
      : columns_(columns), words_((columns + 63) / 64), data_(rows * words_, 0) {}

  std::size_t rows() const { return words_ ? data_.size() / words_ : 0; }
  std::size_t columns() const { return columns_; }
  std::size_t words_per_row() const { return words_; }

  void set(std::size_t row, std::size_t column) {
    data_[row * words_ + column / 64] |= std::uint64_t{1} << (column % 64);
  }
  bool test(std::size_t row, std::size_t column) const {
    return (data_[row * words_ + column / 64] >> (column % 64)) & 1u;
  }
  std::span<const std::uint64_t> row(std::size_t r) const {
    return {data_.data() + r * words_, words_};
  }

 private:
  std::size_t columns_ = 0;
  std::size_t words_ = 0;
  std::vector<std::uint64_t> data_;
};

}  // namespace dutymap::detail
