using Microsoft.Playwright;

namespace Qiwi.Testing;

/// <summary>
/// Debian's Chromium driven headless through Playwright (its own browser download is never used), and the one way the
/// browser tests wait for a page to be reached. Linked into each test project with browser tests (see its .csproj).
/// </summary>
internal static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executablePath) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = executablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });

    /// <summary>
    /// Waits (at most 30 s) until the browser is on a URL starting with <paramref name="prefix"/>; on a timeout, says
    /// where it is and what it shows. The URL is read from the page as it goes, not waited for with
    /// <c>WaitForURLAsync</c>: that lost a race about once in ten runs on a loaded machine (it timed out with the browser
    /// on the right page, fully shown; the navigation had committed between its check of the URL and its wait for the
    /// next navigation: Playwright .NET's check-then-subscribe race, microsoft/playwright-dotnet#3364).
    /// </summary>
    public static async Task ReachAsync(IPage page, string prefix)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!page.Url.StartsWith(prefix, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                var shown = await page.InnerTextAsync("body", new PageInnerTextOptions { Timeout = 5_000 });
                throw new Xunit.Sdk.XunitException($"The browser did not reach {prefix} within 30 s: it is at {page.Url}, showing:\n{shown[..Math.Min(shown.Length, 1_000)]}");
            }

            await Task.Delay(100);
        }
    }
}
