// usings: console
// Template `sandbox-test`: the snippet is the body of an async test in a project that references
// src/Qiwi.Sandbox/Qiwi.Sandbox.csproj beside the generator (docs/sandbox.md); its leading using directives go on the
// line below. It is compiled, and run: the test calls RunAsync with an HttpClient.
//<usings>

namespace Shop;

public static class Snippet
{
    public static async Task RunAsync(HttpClient http)
    {
//<snippet>
    }
}
