namespace Qiwi.Runtime;

/// <summary>
/// The last ksort order a thread computed, by the form's names: notifications of one kind arrive with the same names
/// in the same order, so after a thread's first one, ordering the fields (and looking for repeated names) is one
/// comparison of the names with the last form's. Only forms whose names are all distinct are remembered. Holds
/// names, never values; its buffers are reused, so alternating forms do not allocate either.
/// </summary>
internal sealed class KeyOrderCache
{
    private const int MaxFields = 64;

    [ThreadStatic]
    private static KeyOrderCache? t_last;

    private string _target = string.Empty;
    private string[] _names = new string[16];
    private int _nameCount = -1;
    private int[] _order = new int[16];
    private int _orderCount;

    /// <summary>
    /// When <paramref name="form"/>'s names are the last remembered ones, in the same order, for the same target:
    /// writes the signed fields in ksort order to <paramref name="destination"/> and returns their count; else -1.
    /// </summary>
    public static int TryFill(string target, ReadOnlySpan<KeyValuePair<string, string>> form, Span<SignedField> destination)
    {
        var last = t_last;
        if (last is null || last._nameCount != form.Length || last._orderCount > destination.Length || !string.Equals(last._target, target, StringComparison.Ordinal))
        {
            return -1;
        }

        var names = last._names;
        for (var i = 0; i < form.Length; i++)
        {
            if (!string.Equals(names[i], form[i].Key, StringComparison.Ordinal))
            {
                return -1;
            }
        }

        var order = last._order.AsSpan(0, last._orderCount);
        for (var k = 0; k < order.Length; k++)
        {
            var field = form[order[k]];
            destination[k] = new SignedField(field.Key, field.Value ?? string.Empty);
        }

        return order.Length;
    }

    /// <summary>Remembers the order of <paramref name="sorted"/> (the signed fields of <paramref name="form"/>, in ksort order) when the form's names are all distinct.</summary>
    public static void Remember(string target, ReadOnlySpan<KeyValuePair<string, string>> form, ReadOnlySpan<SignedField> sorted)
    {
        var targets = 0;
        foreach (var field in form)
        {
            targets += field.Key == target ? 1 : 0;
        }

        // Distinct names: the gathering kept one field per name, and the target at most once.
        if (form.Length > MaxFields || targets > 1 || sorted.Length + targets != form.Length)
        {
            return;
        }

        var cache = t_last ??= new KeyOrderCache();
        cache._nameCount = -1; // invalid while it is rewritten
        if (cache._names.Length < form.Length)
        {
            cache._names = new string[Math.Max(form.Length, cache._names.Length * 2)];
            cache._order = new int[cache._names.Length];
        }

        for (var k = 0; k < sorted.Length; k++)
        {
            cache._order[k] = IndexOf(form, sorted[k].Name);
        }

        Array.Clear(cache._names);
        for (var i = 0; i < form.Length; i++)
        {
            cache._names[i] = form[i].Key;
        }

        cache._target = target;
        cache._orderCount = sorted.Length;
        cache._nameCount = form.Length;
    }

    private static int IndexOf(ReadOnlySpan<KeyValuePair<string, string>> form, string name)
    {
        for (var i = 0; i < form.Length; i++)
        {
            if (string.Equals(form[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException("A sorted field is not in the form.");
    }
}
