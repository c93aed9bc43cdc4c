namespace Pipeline.Storage.Queues;

/// <summary>A message just sent.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="InsertedOn">When it was added.</param>
/// <param name="ExpiresOn">When it expires; null when it never does.</param>
/// <param name="NextVisibleOn">When it first becomes visible.</param>
public sealed record SentMessage(string MessageId, DateTimeOffset InsertedOn, DateTimeOffset? ExpiresOn, DateTimeOffset NextVisibleOn);
