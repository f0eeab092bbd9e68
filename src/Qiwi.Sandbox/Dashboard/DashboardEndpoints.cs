using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Qiwi.Sandbox.Dashboard;

/// <summary><c>GET /</c>: the dashboard page. It holds no state of its own; its script reads and acts through the control API.</summary>
internal static class DashboardEndpoints
{
    public static void MapDashboard(this IEndpointRouteBuilder app)
        => app.MapGet("/", () => Results.Content(DashboardPage.Html, "text/html; charset=utf-8", System.Text.Encoding.UTF8));
}
