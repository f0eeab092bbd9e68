using System.Globalization;
using static Qiwi.AspNetCore.Tests.NotificationSignatureAttackTests;

namespace Qiwi.AspNetCore.Tests.RedTeam2;

/// <summary>
/// <see cref="BoundedRequestBody"/> through the endpoint on a real Kestrel socket: signed bodies around
/// <see cref="QiwiNotificationOptions.MaxBodyBytes"/>, declared by Content-Length or sent in chunked transfer coding,
/// written in seeded TCP pieces and (chunked) seeded chunk sizes. The verdict (0 with the handler run once, 5 without
/// it) depends on the body's length only, never on how it was cut; Basic without the password is 150 whatever the body.
/// </summary>
public sealed class ChunkedBodyTests
{
    private const int Bound = 512;

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    public async Task The_verdict_on_a_signed_body_depends_on_its_length_not_on_its_framing_or_cutting(int seed)
    {
        var random = new Random(seed);
        var logs = new LogLines();
        await using var endpoint = await KestrelEndpoint.Start(o => { o.Authentication = QiwiNotificationAuthentication.Signature; o.MaxBodyBytes = Bound; }, logs: logs);
        var expectedCalls = 0;
        var failures = new List<string>();
        foreach (var size in new[] { Bound - 1, Bound, Bound + 1, Bound + 2, Bound + random.Next(3, 100), Bound * 4 })
        {
            foreach (var chunks in new[] { 0, 1, random.Next(2, 200) })
            {
                var chunked = chunks > 0;
                var form = NotificationBodyBoundTests.Padded(NotificationServer.Form($"B-{seed}-{size}-{chunks}", "paid"), size);
                var body = NotificationServer.Body(form);
                Assert.Equal(size, body.Length);
                var framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size.ToString(CultureInfo.InvariantCulture);
                var request = Concat(
                    KestrelEndpoint.Head("Content-Type: application/x-www-form-urlencoded", "X-Api-Signature: " + SignedEndpoint.Sign(form), framing),
                    chunked ? KestrelEndpoint.Chunked(body, random, chunks) : body);

                var answer = await endpoint.Send(request, random, random.Next(1, 300));

                var expected = size <= Bound ? 0 : 5;
                expectedCalls += expected == 0 ? 1 : 0;
                if (answer.Status != 200 || answer.ResultCode != expected)
                {
                    failures.Add($"{size} bytes, {(chunked ? "chunks of 1 to " + chunks : "declared")}: {answer} (expected HTTP 200, result {expected})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Concat(logs.Lines)));
        Assert.Equal(expectedCalls, endpoint.Calls);
    }

    [Theory]
    [InlineData(303)]
    public async Task Basic_without_the_password_is_150_whatever_the_bodys_length_framing_or_cutting(int seed)
    {
        var random = new Random(seed);
        await using var endpoint = await KestrelEndpoint.Start(o => o.MaxBodyBytes = Bound);
        var failures = new List<string>();
        foreach (var size in new[] { Bound, Bound + 1, Bound * 4 })
        {
            foreach (var chunked in new[] { false, true })
            {
                var body = NotificationServer.Body(NotificationBodyBoundTests.Padded(NotificationServer.Form("B-" + size, "paid"), size));
                var framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size.ToString(CultureInfo.InvariantCulture);
                var request = Concat(
                    KestrelEndpoint.Head("Content-Type: application/x-www-form-urlencoded", "Authorization: Basic " + Convert.ToBase64String("2042:wrong"u8.ToArray()), framing),
                    chunked ? KestrelEndpoint.Chunked(body, random, random.Next(2) == 0 ? 1 : random.Next(1, 200)) : body);

                var answer = await endpoint.Send(request, random, random.Next(1, 300));

                if (answer.Status != 200 || answer.ResultCode != 150)
                {
                    failures.Add($"{size} bytes, {(chunked ? "chunked" : "declared")}: {answer}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(0, endpoint.Calls);
    }

    internal static byte[] Concat(byte[] head, byte[] body) => [.. head, .. body];
}
