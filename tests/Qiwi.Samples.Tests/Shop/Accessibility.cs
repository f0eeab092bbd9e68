using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Qiwi.Samples.Tests.Shop;

/// <summary>axe-core on a shop page in the browser: WCAG 2.1 A and AA rules, any violation fails the test.</summary>
internal static class Accessibility
{
    public static async Task CheckAsync(IPage page, string name)
    {
        var report = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(report.Violations.Length == 0, $"Accessibility of the {name} page: " + string.Join("; ", report.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }
}
