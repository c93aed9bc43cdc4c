namespace Pipeline.Storage.Queues;

/// <summary>Hands out the queues of one account (or one in-process broker) by name.</summary>
public interface IMessageQueueProvider
{
    /// <summary>The queue named <paramref name="name"/> (3–63 lower-case letters, digits and single hyphens); not created.</summary>
    IMessageQueue GetQueue(string name);
}
