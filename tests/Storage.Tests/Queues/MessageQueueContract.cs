using Pipeline.Storage.Queues;
using Pipeline.Storage.Tests.Azurite;

namespace Pipeline.Storage.Tests.Queues;

/// <summary>
/// The behaviour every <see cref="IMessageQueue"/> shares, written once. Time passes through <see cref="PassAsync"/>:
/// a fake clock for the in-memory queue, real seconds for Azurite (its leases are whole seconds).
/// </summary>
public abstract class MessageQueueContract
{
    /// <summary>The provider of a fresh account or broker.</summary>
    protected abstract IMessageQueueProvider Provider { get; }

    /// <summary>Fails the test when the service behind <see cref="Provider"/> is not running (argument checks need none).</summary>
    protected virtual void RequireService()
    {
    }

    /// <summary>Lets <paramref name="time"/> pass for the queues.</summary>
    protected abstract Task PassAsync(TimeSpan time);

    private async Task<IMessageQueue> NewQueueAsync()
    {
        RequireService();
        var queue = Provider.GetQueue("q" + Guid.NewGuid().ToString("N")[..20]);
        await queue.CreateIfMissingAsync();
        return queue;
    }

    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [StorageFact]
    public async Task A_sent_message_is_received_once_with_its_text_and_a_dequeue_count_of_one()
    {
        var queue = await NewQueueAsync();
        const string text = "{\"v\":1,\"jobId\":\"j-ü-€\",\"stage\":\"retrieve-shard\",\"shard\":3}";

        var sent = await queue.SendAsync(text);
        var received = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));
        var again = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));

        var message = Assert.Single(received);
        Assert.Equal((sent.MessageId, text, 1L), (message.MessageId, message.Text, message.DequeueCount));
        Assert.False(string.IsNullOrEmpty(message.PopReceipt));
        Assert.Empty(again);
    }

    [StorageFact]
    public async Task A_leased_message_is_delivered_again_after_its_visibility_timeout_with_a_higher_dequeue_count()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("work");
        var first = Assert.Single(await queue.ReceiveAsync(1, OneSecond));

        await PassAsync(TimeSpan.FromSeconds(2));
        var second = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        Assert.Equal((first.MessageId, 2L), (second.MessageId, second.DequeueCount));
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);
        Assert.False(await queue.DeleteAsync(first.MessageId, first.PopReceipt));
        Assert.True(await queue.DeleteAsync(second.MessageId, second.PopReceipt));
    }

    [StorageFact]
    public async Task A_deleted_message_is_never_delivered_again()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("once");
        var message = Assert.Single(await queue.ReceiveAsync(1, OneSecond));

        var deleted = await queue.DeleteAsync(message.MessageId, message.PopReceipt);
        await PassAsync(TimeSpan.FromSeconds(2));

        Assert.True(deleted);
        Assert.Empty(await queue.ReceiveAsync(32, OneSecond));
    }

    [StorageFact]
    public async Task Renewing_a_lease_keeps_the_message_invisible_and_replaces_the_pop_receipt()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("long gpu job");
        var message = Assert.Single(await queue.ReceiveAsync(1, OneSecond));

        var lease = await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(4));
        await PassAsync(TimeSpan.FromSeconds(2));
        var whileLeased = await queue.ReceiveAsync(32, OneSecond);

        Assert.Empty(whileLeased);
        Assert.NotEqual(message.PopReceipt, lease.PopReceipt);
        Assert.True(lease.NextVisibleOn > message.NextVisibleOn);
        Assert.False(await queue.DeleteAsync(message.MessageId, message.PopReceipt));
        Assert.True(await queue.DeleteAsync(message.MessageId, message.WithLease(lease).PopReceipt));
    }

    [StorageFact]
    public async Task Renewing_with_a_superseded_pop_receipt_is_a_lost_lease_error()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("x");
        var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(30)));

        Assert.Equal((400, "PopReceiptMismatch", false), (error.Status, error.ErrorCode, error.IsTransient));
    }

    [StorageFact]
    public async Task A_message_sent_with_a_visibility_delay_appears_only_after_it()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("later", visibilityDelay: TimeSpan.FromSeconds(2));

        var early = await queue.ReceiveAsync(32, OneSecond);
        await PassAsync(TimeSpan.FromSeconds(3));
        var late = await queue.ReceiveAsync(32, OneSecond);

        Assert.Empty(early);
        Assert.Equal("later", Assert.Single(late).Text);
    }

    [StorageFact]
    public async Task A_message_past_its_time_to_live_is_gone()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync("short-lived", timeToLive: OneSecond);

        await PassAsync(TimeSpan.FromSeconds(2));
        var received = await queue.ReceiveAsync(32, OneSecond);

        Assert.Equal(sent.InsertedOn.AddSeconds(1), sent.ExpiresOn);
        Assert.Empty(received);
    }

    [StorageFact]
    public async Task A_message_with_infinite_time_to_live_never_expires()
    {
        var queue = await NewQueueAsync();

        var sent = await queue.SendAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);

        Assert.Null(sent.ExpiresOn);
        Assert.Null(Assert.Single(await queue.ReceiveAsync(1, OneSecond)).ExpiresOn);
    }

    [StorageFact]
    public async Task A_batch_receive_returns_at_most_the_requested_number_of_distinct_messages()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 40; i++)
        {
            await queue.SendAsync($"m{i}");
        }

        var first = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));
        var second = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(32, first.Count);
        Assert.Equal(8, second.Count);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"m{i}").Order(StringComparer.Ordinal),
            first.Concat(second).Select(m => m.Text).Order(StringComparer.Ordinal));
    }

    [StorageFact]
    public async Task Moving_to_poison_puts_the_text_on_the_poison_twin_and_removes_the_original()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("bad payload");
        var message = Assert.Single(await queue.ReceiveAsync(1, OneSecond));

        var moved = await queue.MoveToPoisonAsync(message);
        await PassAsync(TimeSpan.FromSeconds(2));

        var poison = Provider.GetQueue(queue.Name + "-poison");
        Assert.True(moved);
        Assert.Empty(await queue.ReceiveAsync(32, OneSecond));
        var poisoned = Assert.Single(await poison.ReceiveAsync(32, OneSecond));
        Assert.Equal(("bad payload", 1L), (poisoned.Text, poisoned.DequeueCount));
    }

    [StorageFact]
    public async Task Creating_an_existing_queue_is_not_an_error()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("kept");

        await queue.CreateIfMissingAsync();

        Assert.Equal("kept", Assert.Single(await queue.ReceiveAsync(1, OneSecond)).Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task A_receive_batch_outside_one_to_thirty_two_is_rejected(int count)
    {
        var queue = Provider.GetQueue("bounds");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(count, OneSecond));

        Assert.Equal("maxMessages", error.ParamName);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void Invalid_queue_names_are_rejected(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Provider.GetQueue(name));

        Assert.Equal("name", error.ParamName);
    }
}
