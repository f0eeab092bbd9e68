using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Qiwi.AspNetCore.Tests;

/// <summary>
/// A signed notification changed in any way the signature does not cover the same meaning is refused with 151 (HTTP
/// 200, the docs' XML) and never reaches the handler: every one-bit flip of the body and of the header, every
/// truncation, every other spelling of the header. Spellings of the body that decode to the same form are the same
/// notification (one key): accepted, and applied once with a store.
/// </summary>
public sealed class NotificationSignatureAttackTests
{
    private static readonly KeyValuePair<string, string>[] Form = NotificationServer.Form("BILL-7", "paid");

    [Fact]
    public async Task A_signed_notification_replayed_with_a_field_renamed_in_place_is_recognized_as_applied()
    {
        var store = new MemoryStore();
        await using var endpoint = await SignedEndpoint.Start(store);
        var signature = SignedEndpoint.Sign(Form);

        // QIWI's algorithm signs the values in name order, not the names: "error" renamed to a name that sorts in the
        // same place (and is optional, so the form still parses) keeps the signature valid.
        var renamed = Form.Select(p => p.Key == "error" ? new KeyValuePair<string, string>("errnr", p.Value) : p).ToArray();
        Assert.Equal(SignedEndpoint.Canonical(Form), SignedEndpoint.Canonical(renamed));

        Assert.Equal(0, await endpoint.Code(NotificationServer.Body(Form), signature));
        Assert.Equal(0, await endpoint.Code(NotificationServer.Body(renamed), signature));
        Assert.Equal(1, endpoint.Calls);
        Assert.Single(store.Keys);
    }

    [Fact]
    public async Task Every_one_bit_flip_of_the_body_is_refused_unless_it_carries_the_signed_values_and_the_handler_runs_once()
    {
        await using var endpoint = await SignedEndpoint.Start(new MemoryStore());
        var body = NotificationServer.Body(Form);
        var signature = SignedEndpoint.Sign(Form);

        for (var i = 0; i < body.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var flipped = (byte[])body.Clone();
                flipped[i] ^= (byte)(1 << bit);
                await endpoint.PostExpectingSameOrRefused(flipped, signature, $"byte {i} bit {bit}");
            }
        }

        // Flips of a hex digit's case (%3A, %3a) decode to the same form, a name renamed in place signs the same: the
        // first accepted runs the handler, every other one is recognized as that notification.
        Assert.Equal(1, endpoint.Calls);
    }

    [Fact]
    public async Task Every_truncation_of_a_signed_body_is_refused_unless_it_decodes_to_the_same_form()
    {
        await using var endpoint = await SignedEndpoint.Start();
        var body = NotificationServer.Body(Form);
        var signature = SignedEndpoint.Sign(Form);

        for (var length = 0; length < body.Length; length++)
        {
            await endpoint.PostExpectingSameOrRefused(body[..length], signature, $"first {length} bytes");
        }

        Assert.Empty(endpoint.Keys); // the last field's value is never empty here, so no prefix means the same
    }

    [Fact]
    public async Task Every_one_bit_flip_of_the_signature_header_is_refused_with_151()
    {
        await using var endpoint = await SignedEndpoint.Start();
        var body = NotificationServer.Body(Form);
        var signature = SignedEndpoint.Sign(Form);

        for (var i = 0; i < signature.Length; i++)
        {
            for (var bit = 0; bit < 7; bit++) // header values are ASCII: the eighth bit would make another header
            {
                var flipped = signature.ToCharArray();
                flipped[i] ^= (char)(1 << bit);
                if (flipped[i] is < ' ' or (char)127)
                {
                    continue; // a control character is no header value at all
                }

                Assert.Equal(151, await endpoint.Code(body, new string(flipped)));
            }
        }

        Assert.Equal(0, endpoint.Calls);
        Assert.Equal(0, await endpoint.Code(body, signature)); // the unchanged one still passes
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("unpadded")]
    [InlineData("extra padding")]
    [InlineData("blank inside")]
    [InlineData("leading blank")]
    [InlineData("trailing blank")]
    [InlineData("url-safe alphabet")]
    [InlineData("hex")]
    [InlineData("upper-case hex")]
    [InlineData("twice")]
    [InlineData("SHA-256")]
    [InlineData("unused bits set")]
    public async Task Other_spellings_of_the_signature_header_are_refused_with_151(string spelling)
    {
        await using var endpoint = await SignedEndpoint.Start();

        // A bill whose signature has a '+' or a '/' (for the URL-safe spelling to differ).
        var form = Enumerable.Range(0, 100).Select(i => NotificationServer.Form("BILL-" + i, "paid")).First(f => SignedEndpoint.Sign(f).IndexOfAny(['+', '/']) >= 0);
        var body = NotificationServer.Body(form);
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(NotificationServer.Password), Encoding.UTF8.GetBytes(SignedEndpoint.Canonical(form)));
        var good = Convert.ToBase64String(hash);
        string?[] values = spelling switch
        {
            "missing" => [],
            "empty" => [string.Empty],
            "unpadded" => [good.TrimEnd('=')],
            "extra padding" => [good + "="],
            "blank inside" => [good[..10] + " " + good[10..]],
            "leading blank" => [" " + good],
            "trailing blank" => [good + " "],
            "url-safe alphabet" => [good.Replace('+', '-').Replace('/', '_')],
            "hex" => [Convert.ToHexStringLower(hash)],
            "upper-case hex" => [Convert.ToHexString(hash)],
            "twice" => [good, good],
            "SHA-256" => [Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(NotificationServer.Password), Encoding.UTF8.GetBytes(SignedEndpoint.Canonical(form))))],
            _ => [good[..^2] + (char)(good[^2] + 1) + "="], // 20 bytes: the last character's low two bits are unused
        };
        Assert.NotEqual(good, string.Join(',', values));

        var (status, reply) = await NotificationServer.PostBody(endpoint.Server, body, r => r.Headers["X-Api-Signature"] = values);

        Assert.Equal((HttpStatusCode.OK, 151), (status, SignedEndpoint.ResultCode(reply)));
        Assert.Equal(0, endpoint.Calls);
    }

    [Fact]
    public async Task Two_signed_notifications_whose_values_differ_only_in_where_a_separator_falls_are_two_notifications()
    {
        // comment|error|prv_name: 'c', '0', '0|Shop' and 'c|0', '0', 'Shop' sign alike; keyed by the joined text they
        // shared a key, and the second was answered as applied without its handler.
        var store = new MemoryStore();
        await using var endpoint = await SignedEndpoint.Start(store);
        KeyValuePair<string, string>[] With(string comment, string shop)
            => Form.Select(p => p.Key switch { "comment" => new(p.Key, comment), "prv_name" => new(p.Key, shop), _ => p }).ToArray();
        var first = With("c", "0|Shop");
        var second = With("c|0", "Shop");
        Assert.Equal("0", Form.Single(p => p.Key == "error").Value);
        Assert.Equal(SignedEndpoint.Canonical(first), SignedEndpoint.Canonical(second));

        Assert.Equal(0, await endpoint.Code(NotificationServer.Body(first), SignedEndpoint.Sign(first)));
        Assert.Equal(0, await endpoint.Code(NotificationServer.Body(second), SignedEndpoint.Sign(second)));

        Assert.Equal(2, endpoint.Calls);
        Assert.Equal(2, store.Keys.Count);
        Assert.NotEqual(SignedEndpoint.Key(first), SignedEndpoint.Key(second));
    }

    [Fact]
    public async Task Seeded_respellings_of_a_signed_body_are_one_notification_applied_once()
    {
        var store = new MemoryStore();
        await using var endpoint = await SignedEndpoint.Start(store);
        var form = Form.Select(p => p.Key == "comment" ? new KeyValuePair<string, string>("comment", "Оплата заказа #12 + 50% / a&b=c ☃") : p).ToArray();
        var signature = SignedEndpoint.Sign(form);
        var random = new Random(20261126);

        var bodies = Enumerable.Range(0, 200).Select(_ => Respell(random, form)).ToArray();

        // Half one after the other, half at once: one notification, whatever its spelling, applied once.
        foreach (var body in bodies[..100])
        {
            Assert.Equal(0, await endpoint.Code(body, signature));
        }

        Assert.All(await Task.WhenAll(bodies[100..].Select(body => Task.Run(() => endpoint.Code(body, signature)))), code => Assert.Equal(0, code));
        Assert.Equal(1, endpoint.Calls);
        Assert.Equal(SignedEndpoint.Key(form), Assert.Single(store.Keys.Keys));
    }

    [Fact]
    public async Task A_signed_form_of_a_thousand_extra_fields_is_verified()
    {
        await using var endpoint = await SignedEndpoint.Start();
        var form = Form.Concat(Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>($"extra{i}", "v" + i))).ToArray();
        var signature = SignedEndpoint.Sign(form);

        Assert.Equal(0, await endpoint.Code(NotificationServer.Body(form), signature));
        Assert.Equal(151, await endpoint.Code(NotificationServer.Body(form[..^1]), signature));
        Assert.Equal(1, endpoint.Calls);
    }

    [Theory]
    [InlineData("comment=a%C0%AFb")]   // overlong '/'
    [InlineData("comment=a%ED%A0%80b")] // a lone surrogate in UTF-8
    [InlineData("comment=a%FFb")]
    [InlineData("comment=a%ZZb")]
    [InlineData("comment=a%2")]
    [InlineData("comment=%")]
    public async Task Malformed_escapes_signed_as_their_bytes_are_refused_with_151_never_an_error(string field)
    {
        await using var endpoint = await SignedEndpoint.Start();
        var body = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(NotificationServer.Body(Form.Where(p => p.Key != "comment").ToArray())) + "&" + field);

        // A PHP receiver would sign the raw bytes; this endpoint decodes them (invalid UTF-8 becomes U+FFFD) and refuses.
        var raw = Uri.UnescapeDataString(field["comment=".Length..]);
        var signature = SignedEndpoint.Sign([.. Form.Where(p => p.Key != "comment"), new("comment", raw)]);
        var code = await endpoint.Code(body, signature);

        Assert.True(code is 0 or 151, $"result {code}");
        Assert.True(code == 151 || endpoint.Calls == 1);
    }

    [Fact]
    public async Task Control_characters_signed_by_qiwi_are_accepted_as_sent_but_a_NUL_the_form_reader_refuses_gets_5()
    {
        await using var endpoint = await SignedEndpoint.Start();
        var form = Form.Select(p => p.Key == "comment" ? new KeyValuePair<string, string>("comment", "a\tb\r\nc\u007f") : p).ToArray();
        var nul = Form.Select(p => p.Key == "comment" ? new KeyValuePair<string, string>("comment", "a\0b") : p).ToArray();

        Assert.Equal(0, await endpoint.Code(NotificationServer.Body(form), SignedEndpoint.Sign(form)));
        Assert.Equal(5, await endpoint.Code(NotificationServer.Body(nul), SignedEndpoint.Sign(nul)));
        Assert.Equal(SignedEndpoint.Key(form), Assert.Single(endpoint.Keys));
    }

    [Fact]
    public async Task Refusals_are_logged_without_the_password_or_the_signature()
    {
        var logs = new LogLines();
        await using var endpoint = await SignedEndpoint.Start(logs: logs);
        var body = NotificationServer.Body(Form);
        var signature = SignedEndpoint.Sign(Form);

        await endpoint.Code(body[..^3], signature);
        await endpoint.Code(body, signature[..^2] + "A=");
        await endpoint.Code(NotificationServer.Body(Form.Where(p => p.Key != "bill_id").ToArray()), SignedEndpoint.Sign(Form.Where(p => p.Key != "bill_id").ToArray()));

        Assert.Equal(3, logs.Lines.Count(l => l.Contains("rejected", StringComparison.Ordinal)));
        Assert.All(logs.Lines, line =>
        {
            Assert.DoesNotContain(NotificationServer.Password, line, StringComparison.Ordinal);
            Assert.DoesNotContain(signature[..8], line, StringComparison.Ordinal);
        });
    }

    /// <summary>The form spelled another way each time: names and values escaped or not, hex in either case, '+' or %20 for a blank.</summary>
    private static byte[] Respell(Random random, KeyValuePair<string, string>[] form)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in form.OrderBy(_ => random.Next()))
        {
            text.Append(text.Length == 0 ? string.Empty : "&").Append(Spell(random, name)).Append('=').Append(Spell(random, value));
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string Spell(Random random, string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var plain = b < 128 && (char.IsAsciiLetterOrDigit((char)b) || "-._~:".Contains((char)b, StringComparison.Ordinal));
            if (b == ' ' && random.Next(2) == 0)
            {
                text.Append('+');
            }
            else if (plain && random.Next(3) != 0)
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(random.Next(2) == 0 ? b.ToString("X2") : b.ToString("x2"));
            }
        }

        return text.ToString();
    }

    /// <summary>An endpoint in signature mode that records the key of every notification its handler got.</summary>
    internal sealed class SignedEndpoint : IAsyncDisposable
    {
        private readonly ConcurrentQueue<string> _keys = new();

        private SignedEndpoint()
        {
        }

        public TestServer Server { get; private set; } = null!;

        public IReadOnlyCollection<string> Keys => _keys;

        public int Calls => _keys.Count;

        public static async Task<SignedEndpoint> Start(IQiwiNotificationStore? store = null, ILoggerProvider? logs = null)
        {
            var endpoint = new SignedEndpoint();
            endpoint.Server = await NotificationServer.Start(
                o => { o.Authentication = QiwiNotificationAuthentication.Signature; o.Store = store; },
                (_, context, _) =>
                {
                    endpoint._keys.Enqueue(context.Features.Get<IQiwiNotificationFeature>()!.Key);
                    return Task.CompletedTask;
                },
                logs: logs);
            return endpoint;
        }

        /// <summary>The docs' algorithm: the values sorted by name (ordinal: ASCII names), '|'-joined, HMAC-SHA1, Base64.</summary>
        public static string Sign(KeyValuePair<string, string>[] form)
            => Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(NotificationServer.Password), Encoding.UTF8.GetBytes(Canonical(form))));

        /// <summary>The key the endpoint gives a signed notification.</summary>
        public static string Key(KeyValuePair<string, string>[] form) => QiwiNotificationKey.Compute(Generated.BillNotificationWebhook.Descriptor.Signature!, form);

        public static string Canonical(KeyValuePair<string, string>[] form)
            => string.Join('|', form.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value));

        public static int ResultCode(string reply)
        {
            const string Open = "<result_code>";
            var start = reply.IndexOf(Open, StringComparison.Ordinal);
            Assert.True(start >= 0, $"not the docs' reply: {reply}");
            start += Open.Length;
            return int.Parse(reply.AsSpan(start, reply.IndexOf('<', start) - start), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>Posts <paramref name="body"/> with <paramref name="signature"/>; asserts HTTP 200 and the docs' XML; returns the result code.</summary>
        public async Task<int> Code(byte[] body, string signature)
        {
            var (status, reply) = await NotificationServer.PostBody(Server, body, r => r.Headers["X-Api-Signature"] = signature);
            Assert.Equal(HttpStatusCode.OK, status);
            return ResultCode(reply);
        }

        /// <summary>
        /// A body whose values, in name order, are the ones signed passes the signature (QIWI's algorithm signs values
        /// only, not names): then result 0 (the handler called at most once) or 5 (a required field renamed away). Any
        /// other body is refused with 151 and never reaches the handler.
        /// </summary>
        public async Task PostExpectingSameOrRefused(byte[] body, string signature, string what)
        {
            var before = Calls;
            var code = await Code(body, signature);
            var posted = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).Select(f => new KeyValuePair<string, string>(f.Key, f.Value[^1] ?? string.Empty)).ToArray();
            var signed = Canonical(posted) == Canonical(Form);
            Assert.True(signed ? code is 0 or 5 : code == 151, $"{what}: result {code}, values {(signed ? "as signed" : "changed")}");
            Assert.True(Calls - before <= 1);
            Assert.True(code == 0 || Calls == before, $"{what}: result {code} but {Calls - before} handler calls");
        }

        public ValueTask DisposeAsync()
        {
            Server.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Every log line written, formatted, with its exception.</summary>
    internal sealed class LogLines : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Lines.Enqueue(formatter(state, exception) + " " + exception);

        public void Dispose()
        {
        }
    }
}
