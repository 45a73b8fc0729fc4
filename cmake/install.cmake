# `cmake --install build --prefix P` (docs/python.md, "Installing"):
#   P/bin/openspins                                 the CLI
#   P/share/openspins/scripts/plot_results.py       the CLI's plot.png (plot_script.cpp looks there)
#   P/share/openspins/scripts/sweep_plot.py         one plot of a sweep's HDF5 file (docs/sweeps.md)
#   P/lib/libopenspins_core.a, P/include/openspins/ the library and its public headers
#   P/lib/cmake/openspins/                          the package: find_package(openspins), openspins::openspins
#   P/lib/python3.X/dist-packages/openspins/        the Python package (when OPENSPINS_PYTHON)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS openspins RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/scripts/plot_results.py ${CMAKE_SOURCE_DIR}/scripts/sweep_plot.py
        DESTINATION ${CMAKE_INSTALL_DATADIR}/openspins/scripts)

install(TARGETS openspins_core EXPORT openspinsTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/src/openspins DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(FILES ${OPENSPINS_VERSION_HEADER} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/openspins)

set(OPENSPINS_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/openspins)
install(EXPORT openspinsTargets NAMESPACE openspins:: DESTINATION ${OPENSPINS_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/openspinsConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/openspinsConfig.cmake INSTALL_DESTINATION ${OPENSPINS_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/openspinsConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/openspinsConfig.cmake ${CMAKE_BINARY_DIR}/openspinsConfigVersion.cmake
        DESTINATION ${OPENSPINS_CMAKE_DIR})
