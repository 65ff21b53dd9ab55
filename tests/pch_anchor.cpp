// Anchors the tests' shared precompiled header (CMake needs one source per target).
int main() { return 0; }
