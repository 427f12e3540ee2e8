// Helpers for tests that run a host program (cpio, the cross compiler) and
// read what it made: a temporary directory removed at the end of the test,
// and whether a program is installed at all.

#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace test_env {

class ScratchDir {
public:
    ScratchDir()
    {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/cleave-test-XXXXXX";
        if (mkdtemp(pattern.data()))
            m_path = pattern;
    }
    ~ScratchDir()
    {
        if (!m_path.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(m_path, ignored);
        }
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    bool ok() const { return !m_path.empty(); }
    const std::string& path() const { return m_path; }
    std::string operator/(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// Whether `program` is found on PATH.
inline bool have_program(const std::string& program)
{
    return std::system(("command -v '" + program + "' >/dev/null 2>&1").c_str()) == 0;
}

// Runs a shell command, returning whether it exited with status 0.
inline bool run(const std::string& command)
{
    return std::system(command.c_str()) == 0;
}

// `text` quoted for the shell.
inline std::string quoted(const std::string& text)
{
    std::string result = "'";
    for (char c : text) {
        if (c == '\'')
            result += "'\\''";
        else
            result += c;
    }
    return result + "'";
}

} // namespace test_env
