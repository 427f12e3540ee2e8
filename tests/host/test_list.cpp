#include <libk/list.h>

#include <gtest/gtest.h>

#include <vector>

namespace {

struct Task {
    int id;
    ListNode run_node;
    ListNode wait_node; // A second node lets a task be on two lists at once.

    explicit Task(int i)
        : id(i)
    {
    }
};

using RunQueue = IntrusiveList<Task, &Task::run_node>;
using WaitQueue = IntrusiveList<Task, &Task::wait_node>;

std::vector<int> ids(const RunQueue& list)
{
    std::vector<int> result;
    for (const Task& task : list)
        result.push_back(task.id);
    return result;
}

// A global list must be set up at compile time: no constructor runs before
// the kernel's main code.
constinit RunQueue g_global_queue;

} // namespace

TEST(IntrusiveList, StartsEmpty)
{
    RunQueue list;
    EXPECT_TRUE(list.is_empty());
    EXPECT_EQ(list.first(), nullptr);
    EXPECT_EQ(list.last(), nullptr);
    EXPECT_EQ(list.take_first(), nullptr);
    EXPECT_EQ(list.size_in_linear_time(), 0u);
    EXPECT_TRUE(ids(list).empty());
    EXPECT_TRUE(g_global_queue.is_empty());
}

TEST(IntrusiveList, AppendPrependOrder)
{
    Task a(1), b(2), c(3);
    RunQueue list;
    list.append(b);
    list.append(c);
    list.prepend(a);
    EXPECT_EQ(ids(list), (std::vector<int> { 1, 2, 3 }));
    EXPECT_EQ(list.first(), &a);
    EXPECT_EQ(list.last(), &c);
    EXPECT_EQ(list.size_in_linear_time(), 3u);
    EXPECT_TRUE(a.run_node.is_linked());
    EXPECT_FALSE(a.wait_node.is_linked());
}

TEST(IntrusiveList, RemoveFromAnyPosition)
{
    Task a(1), b(2), c(3), d(4);
    RunQueue list;
    for (Task* task : { &a, &b, &c, &d })
        list.append(*task);
    list.remove(b);
    EXPECT_EQ(ids(list), (std::vector<int> { 1, 3, 4 }));
    EXPECT_FALSE(b.run_node.is_linked());
    RunQueue::remove(a); // Works without knowing the list.
    EXPECT_EQ(ids(list), (std::vector<int> { 3, 4 }));
    list.remove(d);
    EXPECT_EQ(ids(list), (std::vector<int> { 3 }));
    EXPECT_EQ(list.last(), &c);
    list.remove(c);
    EXPECT_TRUE(list.is_empty());

    list.append(b); // A removed element can be added again.
    EXPECT_EQ(ids(list), (std::vector<int> { 2 }));
    list.clear();
}

TEST(IntrusiveList, TakeFirst)
{
    Task a(1), b(2);
    RunQueue list;
    list.append(a);
    list.append(b);
    EXPECT_EQ(list.take_first(), &a);
    EXPECT_FALSE(a.run_node.is_linked());
    EXPECT_EQ(list.take_first(), &b);
    EXPECT_EQ(list.take_first(), nullptr);
    EXPECT_TRUE(list.is_empty());
}

TEST(IntrusiveList, Contains)
{
    Task a(1), b(2);
    RunQueue list;
    RunQueue other;
    list.append(a);
    other.append(b);
    EXPECT_TRUE(list.contains(a));
    EXPECT_FALSE(list.contains(b));
    EXPECT_TRUE(other.contains(b));
    list.clear();
    other.clear();
    EXPECT_FALSE(list.contains(a));
}

TEST(IntrusiveList, RemovingTheCurrentElementWhileIterating)
{
    Task tasks[] = { Task(1), Task(2), Task(3), Task(4), Task(5), Task(6) };
    RunQueue list;
    for (Task& task : tasks)
        list.append(task);

    std::vector<int> visited;
    for (Task& task : list) {
        visited.push_back(task.id);
        if (task.id % 2 == 0)
            list.remove(task);
    }
    EXPECT_EQ(visited, (std::vector<int> { 1, 2, 3, 4, 5, 6 }));
    EXPECT_EQ(ids(list), (std::vector<int> { 1, 3, 5 }));

    // Removing every element as it is visited empties the list.
    for (Task& task : list)
        list.remove(task);
    EXPECT_TRUE(list.is_empty());
}

TEST(IntrusiveList, OneElementOnTwoLists)
{
    Task a(1), b(2);
    RunQueue run;
    WaitQueue wait;
    run.append(a);
    run.append(b);
    wait.append(b);
    EXPECT_EQ(ids(run), (std::vector<int> { 1, 2 }));
    EXPECT_EQ(wait.first(), &b);
    wait.remove(b);
    EXPECT_TRUE(wait.is_empty());
    EXPECT_EQ(ids(run), (std::vector<int> { 1, 2 }));
    run.clear();
}

TEST(IntrusiveList, IteratorGivesAccessToElements)
{
    Task a(1), b(2);
    RunQueue list;
    list.append(a);
    list.append(b);
    for (auto& task : list)
        task.id *= 10;
    EXPECT_EQ(a.id, 10);
    EXPECT_EQ(b.id, 20);
    auto it = list.begin();
    EXPECT_EQ(it->id, 10);
    ++it;
    EXPECT_EQ((*it).id, 20);
    ++it;
    EXPECT_TRUE(it == list.end());
    list.clear();
}

TEST(IntrusiveList, GlobalListWorks)
{
    Task a(7);
    g_global_queue.append(a);
    EXPECT_EQ(g_global_queue.first(), &a);
    g_global_queue.remove(a);
    EXPECT_TRUE(g_global_queue.is_empty());
}

TEST(IntrusiveListDeathTest, MisuseAsserts)
{
    EXPECT_DEATH(
        {
            Task a(1);
            RunQueue list;
            list.append(a);
            list.append(a);
        },
        "ASSERTION FAILED: !node->is_linked");
    EXPECT_DEATH(
        {
            Task a(1);
            RunQueue list;
            RunQueue other;
            list.append(a);
            other.prepend(a);
        },
        "ASSERTION FAILED: !node->is_linked");
    EXPECT_DEATH(
        {
            Task a(1);
            RunQueue::remove(a);
        },
        "ASSERTION FAILED: node->is_linked");
}
