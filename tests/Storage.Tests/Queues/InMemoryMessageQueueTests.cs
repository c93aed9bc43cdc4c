using Pipeline.Storage.Queues;

namespace Pipeline.Storage.Tests.Queues;

public sealed class InMemoryMessageQueueTests : MessageQueueContract
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryQueueBroker _broker;

    public InMemoryMessageQueueTests() => _broker = new InMemoryQueueBroker(_time);

    protected override IMessageQueueProvider Provider => _broker;

    protected override Task PassAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Leases_follow_the_fake_clock_to_the_second()
    {
        var queue = _broker.GetQueue("exact");
        await queue.CreateIfMissingAsync();
        await queue.SendAsync("x");
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        _time.Advance(TimeSpan.FromSeconds(29));
        var before = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30));

        Assert.Equal(_time.GetUtcNow().AddSeconds(-30) + TimeSpan.FromSeconds(30), message.NextVisibleOn);
        Assert.Empty(before);
        Assert.Equal(2, Assert.Single(after).DequeueCount);
    }

    [Fact]
    public async Task Using_a_queue_that_was_not_created_is_a_queue_not_found_error()
    {
        var queue = _broker.GetQueue("never-created");

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => queue.SendAsync("x"));

        Assert.Equal((404, "QueueNotFound"), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task A_message_can_be_deleted_with_its_receipt_after_the_lease_ran_out_if_nobody_received_it_since()
    {
        var queue = _broker.GetQueue("late-delete");
        await queue.CreateIfMissingAsync();
        await queue.SendAsync("x");
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(1)));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await queue.DeleteAsync(message.MessageId, message.PopReceipt));
        Assert.Equal(0, _broker.GetInMemoryQueue("late-delete").Count);
    }
}
