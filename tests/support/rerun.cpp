#include "tests/support/rerun.h"

#include <QByteArray>
#include <QtGlobal>

#include <climits>
#include <cstdio>
#include <unistd.h>

namespace paycred::test {

int rerunInside(const std::vector<std::string>& wrapper, const char* marker, int argc,
                char** argv) {
    if (!qEnvironmentVariableIsEmpty(marker)) {
        std::fprintf(stderr,
                     "%s: the wrapper ran, but what it should provide is missing; "
                     "refusing to go on outside it.\n",
                     argv[0]);
        return 1;
    }
    qputenv(marker, QByteArrayLiteral("1"));
    char self[PATH_MAX] = {};
    if (readlink("/proc/self/exe", self, sizeof self - 1) <= 0) {
        std::perror("readlink /proc/self/exe");
        return 1;
    }
    std::vector<std::string> arguments = wrapper;
    arguments.emplace_back(self);
    for (int i = 1; i < argc; ++i)
        arguments.emplace_back(argv[i]);
    std::vector<char*> pointers;
    pointers.reserve(arguments.size() + 1);
    for (std::string& argument : arguments)
        pointers.push_back(argument.data());
    pointers.push_back(nullptr);
    std::fflush(stdout);
    std::fflush(stderr);
    execvp(pointers.front(), pointers.data());
    std::fprintf(stderr, "%s: cannot run %s\n", argv[0], wrapper.front().c_str());
    return 1;
}

} // namespace paycred::test
