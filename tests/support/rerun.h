#pragma once

#include <string>
#include <vector>

namespace paycred::test {

// Runs this test binary again inside `wrapper` (e.g. {"dbus-run-session", "--"}: a private
// D-Bus session) with the same arguments, replacing this process. `marker` is set in the
// environment first, so the run inside can tell where it is and a wrapper that fails to
// provide what it promised cannot loop. Returns only on failure (1, with the reason on stderr).
int rerunInside(const std::vector<std::string>& wrapper, const char* marker, int argc, char** argv);

} // namespace paycred::test
