#pragma once
/// Version of the dutymap library.

#define DUTYMAP_VERSION_MAJOR 0
#define DUTYMAP_VERSION_MINOR 1
#define DUTYMAP_VERSION_PATCH 0
#define DUTYMAP_VERSION_STRING "0.1.0"

namespace dutymap {
/// The library's version as "major.minor.patch".
inline constexpr const char* version = DUTYMAP_VERSION_STRING;
}  // namespace dutymap
