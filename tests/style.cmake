# Code-size rule (no source file over 600 lines, no function body over 80 lines in src/
# and plugins/), in C++ so that CI machines without Python check it too.
opsdeck_add_qtest(tst_code_size SOURCES style/tst_code_size.cpp style/CodeSizeScanner.h LIBS Qt6::Core LABELS unit TIMEOUT 60)
target_compile_definitions(tst_code_size PRIVATE OPSDECK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
