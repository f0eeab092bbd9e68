namespace Qiwi.Samples.Tests;

/// <summary>
/// What a newcomer reads first says what is known about the real service: QIWI Bank's licence was revoked on
/// 2024-02-21, wallet top-ups and withdrawals stopped, the service could not be reached and only the sandbox is tested.
/// </summary>
public sealed class LiveServiceNoticeTests
{
    [Fact]
    public void The_readme_and_going_live_say_what_is_known_about_the_live_service()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var goingLive = File.ReadAllText(Path.Combine(Repository.Root, "docs", "going-live.md"));

        // In the README before its first command, not somewhere below the quick start.
        var notice = readme[..readme.IndexOf("```", StringComparison.Ordinal)];
        foreach (var fact in new[] { "licence was revoked on 2024-02-21", "top-ups and withdrawals stopped", "could not be reached", "sandbox only", "docs/going-live.md" })
        {
            Assert.Contains(fact, notice, StringComparison.Ordinal);
        }

        var known = goingLive[..goingLive.IndexOf("## Credentials", StringComparison.Ordinal)];
        foreach (var fact in new[] { "revoked it on 2024-02-21", "top-ups and withdrawals of QIWI wallets stopped", "could reach `api.qiwi.com`", "is **not known", "The sandbox is the only service this toolkit is tested against" })
        {
            Assert.Contains(fact, known, StringComparison.Ordinal);
        }
    }
}
