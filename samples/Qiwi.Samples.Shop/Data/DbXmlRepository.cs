using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Qiwi.Samples.Shop.Data;

/// <summary>
/// ASP.NET Core's data-protection keys in the shop's database, so that every instance reads the admin cookie
/// and the antiforgery tokens issued by another one, and a restart does not sign the admin out.
/// </summary>
public sealed class DbXmlRepository(ShopDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        return connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.Open();
        connection.Execute("INSERT INTO data_protection_keys (name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (name) DO NOTHING", new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
