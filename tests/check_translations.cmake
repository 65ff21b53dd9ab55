# Fails when the Chinese catalogue has a string without a translation: every user-visible
# text ships in English and Simplified Chinese. Run by ctest (translations_complete).
file(READ "${TS}" content)
string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${content}")
list(LENGTH unfinished n)
string(REGEX MATCHALL "<numerusform></numerusform>" empty "${content}")
list(LENGTH empty m)
if(n GREATER 0 OR m GREATER 0)
  message(FATAL_ERROR "${TS}: ${n} unfinished and ${m} empty plural translations; "
                      "run `cmake --build --preset ci --target update_translations` and translate them")
endif()
message(STATUS "${TS}: every string translated")
