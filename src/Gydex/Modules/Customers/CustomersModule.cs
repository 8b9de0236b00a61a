using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Web;

namespace Gydex.Modules.Customers;

/// <summary>The customer base: counterparties and contacts, their custom fields, search, import, export and API.</summary>
public static class CustomersModule
{
    public const string CounterpartyFields = "counterparty";
    public const string ContactFields = "contact";

    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddRights<CustomersRights>();
        services.AddStereotypeGrants<CustomersStereotypeGrants>();
        CustomersJournal.AddCustomersJournal(services);
        services.AddCustomFieldEntity(new CustomFieldEntityType(CounterpartyFields, new LocalizedText("Контрагенты", "Counterparties"),
            (db, id) => CustomersJournal.CounterpartyCode(db, id)));
        services.AddCustomFieldEntity(new CustomFieldEntityType(ContactFields, new LocalizedText("Контакты", "Contacts"),
            (db, id) => CustomersJournal.ContactCode(db, id)));
        services.AddScoped<CustomersDirectory>();
        services.AddSingleton(new NavigationItem("customers", "Customers", "/customers/counterparties", 100, typeof(CustomersTexts), CustomersRights.Counterparties.View));
        return services;
    }

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder endpoints) => endpoints;
}
