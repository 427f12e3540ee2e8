// execve's reading of a script's "#!" line (kernel/task/script.h), with
// Linux's answers for each shape of line.

#include <kernel/task/script.h>

#include <gtest/gtest.h>

#include <cerrno> // the host's ENOEXEC: Linux's number, as the kernel's
#include <cstring>
#include <string>

namespace {

struct Parsed {
    int error = 0;
    std::string interpreter, argument;
    bool has_argument = false;
};

Parsed parse(const std::string& text)
{
    char head[script::HEAD_SIZE];
    std::memset(head, 'x', sizeof head); // what a short file leaves must not matter
    usize length = text.size() < sizeof head ? text.size() : sizeof head;
    std::memcpy(head, text.data(), length);
    auto line = script::parse(head, length);
    Parsed p;
    if (line.is_error()) {
        p.error = line.error().code();
        return p;
    }
    p.interpreter = line.value().interpreter;
    p.has_argument = line.value().argument != nullptr;
    if (p.has_argument)
        p.argument = line.value().argument;
    return p;
}

TEST(Script, RecognisesOnlyHashBang)
{
    EXPECT_TRUE(script::is_script("#!/bin/sh", 9));
    EXPECT_FALSE(script::is_script("#/bin/sh", 8));
    EXPECT_FALSE(script::is_script("#", 1));
    EXPECT_FALSE(script::is_script("\x7f" "ELF", 4));
}

TEST(Script, InterpreterAlone)
{
    auto p = parse("#!/bin/sh\necho hi\n");
    EXPECT_EQ(p.error, 0);
    EXPECT_EQ(p.interpreter, "/bin/sh");
    EXPECT_FALSE(p.has_argument);
}

TEST(Script, OneArgumentWithItsSpaces)
{
    auto p = parse("#! \t/usr/bin/env  python3 -u  \t\nprint()\n");
    EXPECT_EQ(p.error, 0);
    EXPECT_EQ(p.interpreter, "/usr/bin/env");
    EXPECT_TRUE(p.has_argument);
    EXPECT_EQ(p.argument, "python3 -u"); // one argument, trailing blanks gone
}

TEST(Script, WithoutNewlineAtTheEndOfAShortFile)
{
    auto p = parse("#!/bin/sh -e");
    EXPECT_EQ(p.error, 0);
    EXPECT_EQ(p.interpreter, "/bin/sh");
    EXPECT_EQ(p.argument, "-e");
}

TEST(Script, NoInterpreterName)
{
    EXPECT_EQ(parse("#!\n").error, ENOEXEC);
    EXPECT_EQ(parse("#!   \t \nrest\n").error, ENOEXEC);
    EXPECT_EQ(parse("#!").error, ENOEXEC);
}

TEST(Script, LongLineCutsTheArgumentNotTheName)
{
    std::string text = "#!/bin/interp " + std::string(400, 'a') + "\n";
    auto p = parse(text);
    EXPECT_EQ(p.error, 0);
    EXPECT_EQ(p.interpreter, "/bin/interp");
    EXPECT_EQ(p.argument, std::string(script::HEAD_SIZE - 1 - 14, 'a'));
}

TEST(Script, NameThatMayBeCutIsRefused)
{
    std::string text = "#!/" + std::string(400, 'n') + "\n";
    EXPECT_EQ(parse(text).error, ENOEXEC);
    EXPECT_EQ(parse("#!" + std::string(300, ' ')).error, ENOEXEC);
}

} // namespace
