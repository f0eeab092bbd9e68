using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Qiwi.Samples.Shop;

/// <summary>
/// The setting keys the shop reads from sections <c>Qiwi</c> (<see cref="ShopSettings"/>) and <c>Shop</c>
/// (<see cref="ShopOptions"/>), as configuration binding matches them (any case), and the start-up check that refuses
/// any other key in those sections: configuration binding ignores a key it has no property for, so a misspelt
/// <c>Shop:Reconcilation:Enabled=false</c> would leave reconciliation on without a word.
/// </summary>
public static class SettingKeys
{
    /// <summary>The sections checked, and the type each is bound to.</summary>
    public static readonly IReadOnlyList<(string Section, Type Type)> Sections = [("Qiwi", typeof(ShopSettings)), ("Shop", typeof(ShopOptions))];

    /// <summary>Refuses, naming them (never their values: some are secrets), keys of the checked sections that bind to nothing.</summary>
    public static void RefuseUnknown(IConfiguration configuration)
    {
        var unknown = Sections.SelectMany(s => Unknown(configuration.GetSection(s.Section), s.Type)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown setting{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}: the shop reads no such key (the settings are listed in docs/shop.md, Configuration). Check the spelling.");
        }
    }

    /// <summary>The keys under <paramref name="section"/> that no property of <paramref name="type"/> takes (full paths, <c>Shop:Reconcilation</c>).</summary>
    public static IReadOnlyList<string> Unknown(IConfigurationSection section, Type type)
    {
        var unknown = new List<string>();
        Walk(section, type, unknown);
        return unknown;
    }

    /// <summary>Whether <paramref name="key"/> (<c>Shop:Reconciliation:FailedGrace</c>) names a setting the shop binds: a leaf, not a section.</summary>
    public static bool IsSetting(string key)
    {
        var parts = key.Split(':');
        var type = Sections.FirstOrDefault(s => s.Section.Equals(parts[0], StringComparison.OrdinalIgnoreCase)).Type;
        if (type is null || parts.Length < 2)
        {
            return false;
        }

        for (var i = 1; i < parts.Length; i++)
        {
            // Every part but the last names a section of settings; the last, a setting.
            var property = Property(type, parts[i]);
            if (property is null || IsSection(property.PropertyType) == (i == parts.Length - 1))
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static void Walk(IConfigurationSection section, Type type, List<string> unknown)
    {
        foreach (var child in section.GetChildren())
        {
            var property = Property(type, child.Key);
            if (property is null)
            {
                unknown.Add(child.Path);
            }
            else if (IsSection(property.PropertyType))
            {
                Walk(child, property.PropertyType, unknown);
            }
        }
    }

    private static PropertyInfo? Property(Type type, string name)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).SingleOrDefault(p => p.CanWrite && p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A class of settings of its own (<see cref="ReconciliationOptions"/>), not a value or a list.</summary>
    private static bool IsSection(Type type) => type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type);
}
