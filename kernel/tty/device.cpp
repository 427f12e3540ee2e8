#include <kernel/tty/device.h>
#include <kernel/tty/job_control.h>
#include <kernel/tty/tty.h>

namespace {

constexpr u32 device_number(u32 major, u32 minor) { return (major << 8) | minor; }

class TtyDevice final : public Inode {
public:
    explicit TtyDevice(tty::DeviceName name) : m_name(name) { }

    bool is_seekable() const override { return false; }

    ErrorOr<void> open(OpenFile&, u32 flags) override
    {
        switch (m_name) {
        case tty::DeviceName::Controlling:
            if (current()->group->tty != &terminal())
                return Error::from_errno(abi::ENXIO);
            break;
        case tty::DeviceName::Serial:
            job_control::opened(terminal(), flags);
            break;
        case tty::DeviceName::Console:
            break;
        }
        return {};
    }

    ErrorOr<usize> read_stream(OpenFile& file, const IoBuffer& buffer, usize length) override
    {
        return terminal().read(file, buffer, length, m_name != tty::DeviceName::Console);
    }

    ErrorOr<usize> write_stream(OpenFile& file, const IoBuffer& buffer, usize length) override
    {
        return terminal().write(file, buffer, length, m_name != tty::DeviceName::Console);
    }

    ErrorOr<i32> ioctl(u32 request, uptr argument) override { return terminal().ioctl(request, argument); }
    u32 poll(OpenFile& file, PollTable* table) override { return terminal().poll(file, table); }

private:
    // Cleave has one terminal. (With more, /dev/tty would have to remember
    // in the open file which one it opened.)
    static Tty& terminal() { return Tty::console(); }

    tty::DeviceName m_name;
};

} // namespace

namespace tty {

ErrorOr<RefPtr<Inode>> create_device(DeviceName name)
{
    auto device = TRY(try_make_ref_counted<TtyDevice>(name));
    switch (name) {
    case DeviceName::Console:
        device->mode = mode::CHARACTER | 0600;
        device->rdev = device_number(5, 1);
        break;
    case DeviceName::Serial:
        device->mode = mode::CHARACTER | 0660;
        device->rdev = Tty::DEVICE_NUMBER;
        break;
    case DeviceName::Controlling:
        device->mode = mode::CHARACTER | 0666;
        device->rdev = device_number(5, 0);
        break;
    }
    return RefPtr<Inode>(device);
}

} // namespace tty
