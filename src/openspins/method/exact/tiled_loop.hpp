// Loops over an rows × cols index space in square tiles, so that code reading one
// matrix row-wise and another column-wise (a transpose) stays within cache.
#pragma once

#include <algorithm>
#include <cstddef>

#include "openspins/integrate/parallel_loop.hpp"

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

// f(i, j) for every element of a dim × dim index space, by tiles as for_each_tiled, the rows of tiles
// spread over the helper threads (for_each_index): f must write only what element (i, j) owns.
template <typename F>
void for_each_tiled_on_threads(std::size_t dim, F f) {
    const std::size_t tiles = (dim + transpose_tile - 1) / transpose_tile;
    for_each_index(dim * dim, tiles, [&](std::size_t tile) {
        const std::size_t i0 = tile * transpose_tile, i1 = std::min(dim, i0 + transpose_tile);
        for (std::size_t j0 = 0; j0 < dim; j0 += transpose_tile) {
            const std::size_t j1 = std::min(dim, j0 + transpose_tile);
            for (std::size_t i = i0; i < i1; ++i)
                for (std::size_t j = j0; j < j1; ++j) f(i, j);
        }
    });
}

}  // namespace openspins::exact
