#pragma once
/// Calendar dates that may be partial ("2015", "2015-12", "2015-12-10").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dutymap {

/// A date as a source gives it: a year, a month or a day. A value type.
///
/// When dutymap asks whether something had happened by a day, a partial date counts from its last
/// day (`last_day()`), so that nothing is taken as binding before it surely was.
struct date {
  int year = 0;
  int month = 0;  ///< 0 when only the year is known
  int day = 0;    ///< 0 when only the year (and month) is known

  /// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD"; nullopt when the text is not such a valid date.
  static std::optional<date> parse(std::string_view text) {
    auto digits = [&](std::size_t pos, std::size_t n, int& out) {
      if (pos + n > text.size()) return false;
      out = 0;
      for (std::size_t i = pos; i < pos + n; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
      }
      return true;
    };
    date d;
    if (!digits(0, 4, d.year)) return std::nullopt;
    if (text.size() == 4) return d;
    if (text.size() < 7 || text[4] != '-' || !digits(5, 2, d.month)) return std::nullopt;
    if (d.month < 1 || d.month > 12) return std::nullopt;
    if (text.size() == 7) return d;
    if (text.size() != 10 || text[7] != '-' || !digits(8, 2, d.day)) return std::nullopt;
    if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
    return d;
  }

  /// A full date.
  static constexpr date ymd(int y, int m, int d) { return date{y, m, d}; }

  /// The date as written in files.
  std::string str() const {
    std::string out = pad(year, 4);
    if (month) out.append(1, '-').append(pad(month, 2));
    if (day) out.append(1, '-').append(pad(day, 2));
    return out;
  }

  /// Days since 1970-01-01 of the first day the date can mean.
  constexpr std::int32_t first_day() const {
    return serial(year, month ? month : 1, day ? day : 1);
  }
  /// Days since 1970-01-01 of the last day the date can mean.
  constexpr std::int32_t last_day() const {
    const int m = month ? month : 12;
    return serial(year, m, day ? day : days_in_month(year, m));
  }

  static constexpr int days_in_month(int y, int m) {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
  }

  bool operator==(const date&) const = default;

 private:
  static std::string pad(int v, int width) {
    std::string s = std::to_string(v);
    return std::string(s.size() < static_cast<std::size_t>(width) ? width - s.size() : 0, '0') + s;
  }
  // Days from civil (Howard Hinnant's algorithm).
  static constexpr std::int32_t serial(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
};

}  // namespace dutymap
