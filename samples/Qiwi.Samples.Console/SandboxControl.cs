namespace Qiwi.Samples.Console;

/// <summary>What a payer does on the sandbox: pay on the checkout page, answer the SMS (the sandbox's control API).</summary>
internal sealed class SandboxControl(HttpClient http, Uri baseUrl, long shopId)
{
    public Task PayAsync(string billId) => PostAsync($"sandbox/control/bills/{shopId}/{Uri.EscapeDataString(billId)}/pay");

    public Task ConfirmSmsAsync(string billId) => PostAsync($"sandbox/control/bills/{shopId}/{Uri.EscapeDataString(billId)}/sms/confirm");

    private async Task PostAsync(string path)
    {
        using var response = await http.PostAsync(new Uri(baseUrl, path), null);
        response.EnsureSuccessStatusCode();
    }
}
