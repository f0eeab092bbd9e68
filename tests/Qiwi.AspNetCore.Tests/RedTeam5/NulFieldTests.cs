using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Qiwi.AspNetCore.Tests.RedTeam5;

/// <summary>
/// A NUL in a field's value or name, at a seeded place, in a notification signed with the notification password (or
/// with the right Basic authorization), form-urlencoded (the docs' framing) and multipart (whose reader let a NUL through
/// and dropped a part it could not parse, so the handler got it or a notification without that field): the docs
/// promise a malformed form, result 5; the handler is never called and nothing is stored. Multipart is refused with 5
/// whatever it holds; the clean form-urlencoded notification after each is handled and stored once.
/// </summary>
public sealed class NulFieldTests
{
    [Theory]
    [InlineData(QiwiNotificationAuthentication.Signature, 41)]
    [InlineData(QiwiNotificationAuthentication.Basic, 42)]
    public async Task A_NUL_anywhere_and_any_multipart_body_is_5_and_the_clean_notification_after_it_is_stored_once(QiwiNotificationAuthentication mode, int seed)
    {
        var store = new MemoryStore();
        var calls = 0;
        var server = await NotificationServer.Start(o => { o.Authentication = mode; o.Store = store; }, (_, _, _) => { Interlocked.Increment(ref calls); return Task.CompletedTask; });
        var random = new Random(seed);
        var failures = new List<string>();
        for (var round = 0; round < 30; round++)
        {
            var clean = NotificationServer.Form("BILL-" + round, "paid");
            foreach (var index in Enumerable.Range(0, clean.Length))
            {
                var inName = random.Next(4) == 0;
                var fields = clean.ToArray();
                var (name, value) = fields[index];
                fields[index] = inName
                    ? new(name.Insert(random.Next(name.Length + 1), "\0"), value)
                    : new(name, value.Insert(random.Next(value.Length + 1), "\0"));
                var multipart = random.Next(2) == 0;
                var before = (calls, store.Keys.Count);
                var (status, code) = await Post(server, fields, mode, multipart);
                if (status != HttpStatusCode.OK || code != 5 || (calls, store.Keys.Count) != before)
                {
                    failures.Add($"round {round}, {(inName ? "name" : "value")} of {name} ({(multipart ? "multipart" : "urlencoded")}): HTTP {(int)status}, result {code}, handler {calls - before.calls}, stored {store.Keys.Count - before.Item2}");
                }
            }

            var (multipartStatus, multipartCode) = await Post(server, clean, mode, multipart: true);
            if (multipartStatus != HttpStatusCode.OK || multipartCode != 5 || calls != round || store.Keys.Count != round)
            {
                failures.Add($"round {round}, the clean notification as multipart: result {multipartCode}, handler {calls}, stored {store.Keys.Count}");
            }

            var (cleanStatus, cleanCode) = await Post(server, clean, mode, multipart: false);
            var (againStatus, againCode) = await Post(server, clean, mode, multipart: false);
            if (cleanStatus != HttpStatusCode.OK || cleanCode != 0 || againCode != 0 || againStatus != HttpStatusCode.OK || calls != round + 1 || store.Keys.Count != round + 1)
            {
                failures.Add($"round {round}, the clean notification: results {cleanCode} and {againCode}, handler {calls}, stored {store.Keys.Count}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<(HttpStatusCode, int?)> Post(Microsoft.AspNetCore.TestHost.TestServer server, KeyValuePair<string, string>[] fields, QiwiNotificationAuthentication mode, bool multipart)
    {
        byte[] body;
        string contentType;
        if (multipart)
        {
            using var content = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                // The name quoted as it is (ContentDispositionHeaderValue refuses a NUL in a name).
                var part = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
                part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{name}\"");
                content.Add(part);
            }

            body = await content.ReadAsByteArrayAsync();
            contentType = content.Headers.ContentType!.ToString();
        }
        else
        {
            body = NotificationServer.Body(fields);
            contentType = "application/x-www-form-urlencoded";
        }

        var (status, reply) = await NotificationServer.PostBody(server, body, request =>
        {
            request.ContentType = contentType;
            if (mode == QiwiNotificationAuthentication.Signature)
            {
                request.Headers["X-Api-Signature"] = NotificationSignatureAttackTests.SignedEndpoint.Sign(fields);
            }
            else
            {
                request.Headers.Authorization = NotificationServer.BasicAuthorization;
            }
        });
        var start = reply.IndexOf("<result_code>", StringComparison.Ordinal);
        return (status, start < 0 ? null : int.Parse(reply.AsSpan(start + 13, reply.IndexOf('<', start + 13) - start - 13), System.Globalization.CultureInfo.InvariantCulture));
    }
}
