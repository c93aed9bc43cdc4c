namespace Pipeline.Storage.Queues;

/// <summary>A renewed lease: the new pop receipt and when the message becomes visible again.</summary>
/// <param name="PopReceipt">The receipt that replaces the old one.</param>
/// <param name="NextVisibleOn">When the lease ends.</param>
public sealed record MessageLease(string PopReceipt, DateTimeOffset NextVisibleOn);
