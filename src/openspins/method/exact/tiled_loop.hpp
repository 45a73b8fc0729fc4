// Loops over an rows × cols index space in square tiles, so that code reading one
// matrix row-wise and another column-wise (a transpose) stays within cache.
#pragma once

#include <algorithm>
#include <cstddef>

namespace openspins::exact {

inline constexpr std::size_t transpose_tile = 32;

// f(i, j) for all i < rows, j < cols; with upper_only, only j ≥ i.
template <typename F>
void for_each_tiled(std::size_t rows, std::size_t cols, bool upper_only, F&& f) {
    for (std::size_t i0 = 0; i0 < rows; i0 += transpose_tile)
        for (std::size_t j0 = upper_only ? i0 : 0; j0 < cols; j0 += transpose_tile) {
            const std::size_t i1 = std::min(rows, i0 + transpose_tile), j1 = std::min(cols, j0 + transpose_tile);
            for (std::size_t i = i0; i < i1; ++i)
                for (std::size_t j = upper_only ? std::max(i, j0) : j0; j < j1; ++j) f(i, j);
        }
}

// One row tile of for_each_tiled(m, m, true, f): f(i, j) for begin ≤ i < end, j ≥ i, by tiles of
// transpose_tile columns (the tasks of a loop that spreads the row tiles over threads).
template <typename F>
void for_each_upper_in_rows(std::size_t begin, std::size_t end, std::size_t m, F&& f) {
    for (std::size_t j0 = begin; j0 < m; j0 += transpose_tile) {
        const std::size_t j1 = std::min(m, j0 + transpose_tile);
        for (std::size_t i = begin; i < end; ++i)
            for (std::size_t j = std::max(i, j0); j < j1; ++j) f(i, j);
    }
}

}  // namespace openspins::exact
