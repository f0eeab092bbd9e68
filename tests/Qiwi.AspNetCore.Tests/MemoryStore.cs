using System.Collections.Concurrent;

namespace Qiwi.AspNetCore.Tests;

/// <summary>An <see cref="IQiwiNotificationStore"/> in memory; <see cref="Broken"/> makes it fail when asked.</summary>
internal sealed class MemoryStore : IQiwiNotificationStore
{
    public ConcurrentDictionary<string, bool> Keys { get; } = new();

    public bool Broken { get; set; }

    public ValueTask<bool> IsAppliedAsync(string key, CancellationToken cancellationToken)
        => Broken ? throw new InvalidOperationException("store down") : ValueTask.FromResult(Keys.ContainsKey(key));

    public ValueTask MarkAppliedAsync(string key, CancellationToken cancellationToken)
    {
        Keys[key] = true;
        return ValueTask.CompletedTask;
    }
}
