using Microsoft.Playwright;

namespace Qiwi.Sandbox.Tests;

/// <summary>Launches Debian's Chromium headless through Playwright (its own browser download is never used).</summary>
internal static class HeadlessChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string executablePath) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = executablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
}
