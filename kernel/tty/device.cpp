#include <kernel/abi/poll.h>
#include <kernel/task/task.h>
#include <kernel/tty/device.h>
#include <kernel/tty/job_control.h>
#include <kernel/tty/tty.h>

namespace tty {

TerminalFile::TerminalFile(Tty& terminal, bool job_control_applies)
    : tty(terminal)
    , driver(&terminal.driver())
    , job_control(job_control_applies)
{
}

namespace {

// The terminal of an open file: set by open() (attach). Every file that
// reaches the operations below was opened, so has one.
TerminalFile& terminal_of(OpenFile& file)
{
    ASSERT(file.private_data);
    return static_cast<TerminalFile&>(*file.private_data);
}

} // namespace

ErrorOr<void> TerminalNode::attach(OpenFile& file, Tty& tty, bool job_control)
{
    auto terminal = TRY(try_make_ref_counted<TerminalFile>(tty, job_control));
    TRY(tty.driver().terminal_opened());
    file.private_data = RefPtr<FilePrivate>(libk::move(terminal));
    return {};
}

ErrorOr<usize> TerminalNode::read_stream(OpenFile& file, const IoBuffer& buffer, usize length)
{
    TerminalFile& terminal = terminal_of(file);
    if (terminal.tty.is_hung_up())
        return 0;
    return terminal.tty.read(file, buffer, length, terminal.job_control);
}

ErrorOr<usize> TerminalNode::write_stream(OpenFile& file, const IoBuffer& buffer, usize length)
{
    TerminalFile& terminal = terminal_of(file);
    if (terminal.tty.is_hung_up())
        return Error::from_errno(abi::EIO);
    return terminal.tty.write(file, buffer, length, terminal.job_control);
}

ErrorOr<i32> TerminalNode::ioctl(OpenFile& file, u32 request, uptr argument)
{
    TerminalFile& terminal = terminal_of(file);
    if (terminal.tty.is_hung_up())
        return Error::from_errno(request == abi::tty_ioctls::TIOCSPGRP ? abi::ENOTTY : abi::EIO);
    return terminal.tty.ioctl(request, argument);
}

u32 TerminalNode::poll(OpenFile& file, PollTable* table)
{
    using namespace abi::poll_events;
    TerminalFile& terminal = terminal_of(file);
    if (terminal.tty.is_hung_up())
        return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
    return terminal.tty.poll(file, table);
}

void TerminalNode::closed(OpenFile& file)
{
    if (file.private_data) // not if its open failed
        terminal_of(file).driver->terminal_closed();
}

namespace {

// /dev/console, /dev/ttyS0 and /dev/tty.
class ConsoleNode final : public TerminalNode {
public:
    explicit ConsoleNode(DeviceName name) : m_name(name) { }

    ErrorOr<void> open(OpenFile& file, u32 flags) override
    {
        switch (m_name) {
        case DeviceName::Console:
            return attach(file, Tty::console(), false);
        case DeviceName::Serial:
            TRY(attach(file, Tty::console(), true));
            job_control::opened(Tty::console(), flags);
            return {};
        case DeviceName::Controlling: {
            Tty* controlling = current()->group->tty;
            if (!controlling)
                return Error::from_errno(abi::ENXIO);
            return attach(file, *controlling, true);
        }
        }
        return Error::from_errno(abi::ENXIO);
    }

private:
    DeviceName m_name;
};

} // namespace

ErrorOr<RefPtr<Inode>> create_device(DeviceName name)
{
    auto device = TRY(try_make_ref_counted<ConsoleNode>(name));
    switch (name) {
    case DeviceName::Console:
        device->mode = mode::CHARACTER | 0600;
        device->rdev = make_device_number(5, 1);
        break;
    case DeviceName::Serial:
        device->mode = mode::CHARACTER | 0660;
        device->rdev = Tty::console().driver().device_number();
        break;
    case DeviceName::Controlling:
        device->mode = mode::CHARACTER | 0666;
        device->rdev = make_device_number(5, 0);
        break;
    }
    return RefPtr<Inode>(device);
}

} // namespace tty
