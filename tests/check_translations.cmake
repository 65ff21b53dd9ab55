# Fails when a user-visible string has no Chinese translation: every text ships in English
# and Simplified Chinese. Run by ctest (translations_complete).
#
# Looking only at the catalogue's unfinished entries cannot see a string that never made
# it into the catalogue, so the check first runs lupdate over the sources (the project
# qt_add_lupdate describes) into a copy of the catalogue: a string missing from it comes
# back unfinished. EXTRA_SOURCE adds one source file (the check's own test plants an
# untranslated string that way).
#
#   cmake -DTS=<catalogue.ts> -DLUPDATE=<lupdate> -DPROJECT=<.lupdate/<target>_project.cmake>
#         -DGENERATOR=<Qt6LinguistTools/GenerateLUpdateProject.cmake> -DWORK=<dir>
#         [-DEXTRA_SOURCE=<file>] -P check_translations.cmake
foreach(var TS LUPDATE PROJECT GENERATOR WORK)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "check_translations: ${var} is not set")
  endif()
endforeach()
foreach(path "${TS}" "${LUPDATE}" "${PROJECT}" "${GENERATOR}")
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "check_translations: ${path} does not exist (build the update_translations target once)")
  endif()
endforeach()

file(MAKE_DIRECTORY "${WORK}")
set(project_in "${PROJECT}")
if(DEFINED EXTRA_SOURCE AND NOT "${EXTRA_SOURCE}" STREQUAL "")
  include("${PROJECT}")
  list(APPEND lupdate_sources "${EXTRA_SOURCE}")
  set(project_in "${WORK}/project.cmake")
  file(WRITE "${project_in}"
       "set(lupdate_project_file \"${lupdate_project_file}\")\n"
       "set(lupdate_include_paths \"${lupdate_include_paths}\")\n"
       "set(lupdate_sources \"${lupdate_sources}\")\n"
       "set(lupdate_translations \"${lupdate_translations}\")\n")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${project_in} -DOUT_FILE=${WORK}/project.json -P "${GENERATOR}"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_translations: cannot write the lupdate project (${rc})")
endif()
get_filename_component(ts_name "${TS}" NAME)
set(copy "${WORK}/${ts_name}")
configure_file("${TS}" "${copy}" COPYONLY)
execute_process(COMMAND "${LUPDATE}" -project "${WORK}/project.json" -no-obsolete -locations none -silent -ts "${copy}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_translations: lupdate failed (${rc}): ${out}${err}")
endif()

file(READ "${copy}" content)
string(REPLACE ";" "," content "${content}") # a CMake list separator inside a string
# The source of each unfinished entry, to say which strings lack a translation.
string(REGEX MATCHALL "<source>[^<]*</source>[ \t\r\n]*(<comment>[^<]*</comment>[ \t\r\n]*)?<translation type=\"unfinished\""
       unfinished "${content}")
list(LENGTH unfinished n)
string(REGEX MATCHALL "<numerusform></numerusform>" empty "${content}")
list(LENGTH empty m)
if(n GREATER 0 OR m GREATER 0)
  set(listed "")
  foreach(entry IN LISTS unfinished)
    string(REGEX REPLACE "^<source>([^<]*)</source>.*" "\\1" text "${entry}")
    string(APPEND listed "\n  untranslated: ${text}")
  endforeach()
  message(FATAL_ERROR "${TS}: ${n} strings missing from the catalogue or unfinished and ${m} empty plural "
                      "translations; run `cmake --build --preset ci --target update_translations` and "
                      "translate them${listed}")
endif()
message(STATUS "${TS}: every string in the sources is translated")
