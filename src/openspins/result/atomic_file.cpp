#include "openspins/result/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include "openspins/config/message_table.hpp"

namespace openspins {

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
    namespace fs = std::filesystem;
    if (!file.parent_path().empty()) fs::create_directories(file.parent_path());
    const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw std::runtime_error(messages::format_message("file_write_failed", {temporary.string()}));
        }
    }
    fs::rename(temporary, file);
}

}  // namespace openspins
