// One file replaced all at once: the bytes go to `<file>.tmp-<pid>` beside it, then a rename
// (atomic within a filesystem), so a reader sees the old file or the new one, never a part.
#pragma once

#include <filesystem>
#include <string_view>

namespace openspins {

// Creates the parent folders; on a failed write removes the temporary and throws
// std::runtime_error with the message table's file_write_failed.
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace openspins
