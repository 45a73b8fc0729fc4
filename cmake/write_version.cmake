# Writes the version header with the current git revision; run at every build so
# the revision in result metadata never goes stale. configure_file leaves the file
# untouched when nothing changed, so nothing recompiles needlessly.
execute_process(COMMAND git rev-parse --short HEAD WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE OPENSPINS_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
execute_process(COMMAND git status --porcelain --untracked-files=no WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE OPENSPINS_GIT_CHANGES OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT OPENSPINS_GIT_REVISION)
  set(OPENSPINS_GIT_REVISION "unknown")
elseif(OPENSPINS_GIT_CHANGES)
  set(OPENSPINS_GIT_REVISION "${OPENSPINS_GIT_REVISION}-modified")
endif()
configure_file(${SOURCE_DIR}/src/openspins/version.hpp.in ${OUTPUT} @ONLY)
