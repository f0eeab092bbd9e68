using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Qiwi.Runtime;

/// <summary>
/// The values a signature covers, in the spec's order, held in a rented buffer: gathered without a dictionary,
/// ordered in place, written as UTF-8 without building the joined string. Dispose returns the buffer.
/// </summary>
internal struct SignedValues : IDisposable
{
    private SignedField[] _buffer;
    private int _start;
    private int _count;

    private SignedValues(SignedField[] buffer, int start, int count)
    {
        _buffer = buffer;
        _start = start;
        _count = count;
    }

    /// <summary>The values signed, in order.</summary>
    public readonly ReadOnlySpan<SignedField> Values => _buffer.AsSpan(_start, _count);

    /// <summary>
    /// Gathers <paramref name="fields"/> (a name given twice counts with its last value, as PHP reads a form; the
    /// signature's own field is left out) and puts the signed values in the spec's order.
    /// </summary>
    /// <exception cref="ArgumentException">A field the signature needs is missing, or a name is null.</exception>
    public static SignedValues Gather(QiwiSignatureSpec spec, IEnumerable<KeyValuePair<string, string>> fields)
    {
        // Arrays and lists (what the ASP.NET Core handler passes) are read as spans; every field, in ksort order, is
        // then first looked up in the thread's last order by names.
        var isSpan = TryGetSpan(fields, out var form);
        var buffer = ArrayPool<SignedField>.Shared.Rent(Math.Max(16, form.Length));
        var count = 0;
        try
        {
            if (isSpan && spec.Fields is null && KeyOrderCache.TryFill(spec.Target, form, buffer) is var cached and >= 0)
            {
                return new SignedValues(buffer, 0, cached);
            }

            if (isSpan)
            {
                foreach (var field in form)
                {
                    Add(ref buffer, ref count, spec.Target, field);
                }
            }
            else
            {
                foreach (var field in fields)
                {
                    Add(ref buffer, ref count, spec.Target, field);
                }
            }

            if (spec.Fields is null)
            {
                // Every field, in the order PHP's ksort gives them; the values as given, never re-formatted.
                QiwiKeyOrder.Sort(buffer.AsSpan(0, count));
                if (isSpan)
                {
                    KeyOrderCache.Remember(spec.Target, form, buffer.AsSpan(0, count));
                }

                return new SignedValues(buffer, 0, count);
            }

            // The listed fields, after the gathered ones in the same buffer.
            var listed = count;
            foreach (var name in spec.Fields)
            {
                var index = IndexOf(buffer, count, name);
                if (index >= 0)
                {
                    Grow(ref buffer, listed);
                    buffer[listed++] = buffer[index];
                }
                else if (!spec.Optional.Contains(name))
                {
                    throw new ArgumentException($"The field '{name}' is required to compute the {spec.Algorithm} signature.", name);
                }
            }

            return new SignedValues(buffer, count, listed - count);
        }
        catch
        {
            Return(buffer);
            throw;
        }
    }

    /// <summary>The number of bytes <see cref="WriteUtf8"/> writes.</summary>
    public readonly int Utf8Length(string separator)
    {
        var values = Values;
        var length = values.Length > 1 ? (values.Length - 1) * Encoding.UTF8.GetByteCount(separator) : 0;
        foreach (var field in values)
        {
            length += Encoding.UTF8.GetByteCount(field.Value);
        }

        return length;
    }

    /// <summary>At least the number of bytes <see cref="WriteUtf8"/> writes (three per UTF-16 char), without encoding.</summary>
    public readonly long MaxUtf8Length(string separator)
    {
        var values = Values;
        long chars = values.Length > 1 ? (long)(values.Length - 1) * separator.Length : 0;
        foreach (var field in values)
        {
            chars += field.Value.Length;
        }

        return chars * 3;
    }

    /// <summary>
    /// Whether writing the pieces one by one gives other bytes than encoding the joined string would: a high
    /// surrogate at the end of one piece and a low one at the start of the next form a pair only when joined.
    /// </summary>
    public readonly bool JoinFormsSurrogatePair(string separator)
    {
        // Empty pieces join their neighbours, so the last character written so far is what counts.
        var endsHigh = false;
        var values = Values;
        for (var i = 0; i < values.Length; i++)
        {
            if ((i > 0 && Joins(ref endsHigh, separator)) || Joins(ref endsHigh, values[i].Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the values joined by <paramref name="separator"/> as UTF-8; returns the number of bytes.</summary>
    public readonly int WriteUtf8(string separator, Span<byte> destination)
    {
        var values = Values;
        var written = 0;
        Span<byte> separatorBytes = stackalloc byte[16];
        var separatorLength = separator.Length <= 5 ? Encoding.UTF8.GetBytes(separator, separatorBytes) : -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                // The separator encoded once (a short one; a long one each time).
                written += separatorLength >= 0
                    ? Copy(separatorBytes[..separatorLength], destination[written..])
                    : Encoding.UTF8.GetBytes(separator, destination[written..]);
            }

            written += Encoding.UTF8.GetBytes(values[i].Value, destination[written..]);
        }

        return written;
    }

    /// <summary>The values joined by <paramref name="separator"/>.</summary>
    public readonly string Join(string separator)
    {
        var values = new string[_count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _buffer[_start + i].Value;
        }

        return string.Join(separator, values);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null!;
            Return(buffer);
        }
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        source.CopyTo(destination);
        return source.Length;
    }

    private static bool TryGetSpan(IEnumerable<KeyValuePair<string, string>> fields, out ReadOnlySpan<KeyValuePair<string, string>> span)
    {
        if (fields is KeyValuePair<string, string>[] array)
        {
            span = array;
            return true;
        }

        if (fields is List<KeyValuePair<string, string>> list)
        {
            span = CollectionsMarshal.AsSpan(list);
            return true;
        }

        span = default;
        return false;
    }

    private static void Add(ref SignedField[] buffer, ref int count, string target, KeyValuePair<string, string> field)
    {
        if (field.Key is null)
        {
            throw new ArgumentException("A form field has no name.", nameof(field));
        }

        if (field.Key == target)
        {
            return;
        }

        var index = IndexOf(buffer, count, field.Key);
        if (index >= 0)
        {
            buffer[index].Value = field.Value ?? string.Empty;
            return;
        }

        Grow(ref buffer, count);
        buffer[count++] = new SignedField(field.Key, field.Value ?? string.Empty);
    }

    private static int IndexOf(SignedField[] buffer, int count, string name)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(buffer[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Grow(ref SignedField[] buffer, int count)
    {
        if (count < buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<SignedField>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, count).CopyTo(larger);
        Return(buffer);
        buffer = larger;
    }

    private static void Return(SignedField[] buffer)
    {
        Array.Clear(buffer);
        ArrayPool<SignedField>.Shared.Return(buffer);
    }

    /// <summary>Whether <paramref name="piece"/> completes a pair the text so far leaves open; then whether it leaves one open.</summary>
    private static bool Joins(ref bool endsHigh, string piece)
    {
        if (piece.Length == 0)
        {
            return false;
        }

        if (endsHigh && char.IsLowSurrogate(piece[0]))
        {
            return true;
        }

        endsHigh = char.IsHighSurrogate(piece[^1]);
        return false;
    }
}
