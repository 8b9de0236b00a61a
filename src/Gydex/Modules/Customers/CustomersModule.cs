using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Search;
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
        services.AddScoped<CounterpartyBook>();
        services.AddScoped<ContactBook>();
        services.AddScoped<CustomerLists>();
        services.AddScoped<Pages.CustomerPageData>();
        services.AddScoped<Kernel.Lists.ListPreferences>();
        var cp = CustomersRights.Counterparties;
        var ct = CustomersRights.Contacts;
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Modules/Customers/Pages/Counterparties/Index", cp.View)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Index", "Assign", cp.Edit)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Index", "Tag", cp.Edit)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Index", "Delete", cp.Delete)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Details", cp.View)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Details", "Delete", cp.Delete)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Details", "Merge", cp.Edit)
            .RequireRight("/Modules/Customers/Pages/Counterparties/New", cp.Create)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Edit", cp.Edit)
            .RequireRight("/Modules/Customers/Pages/Contacts/Index", ct.View)
            .RequireRight("/Modules/Customers/Pages/Contacts/Index", "Assign", ct.Edit)
            .RequireRight("/Modules/Customers/Pages/Contacts/Index", "Tag", ct.Edit)
            .RequireRight("/Modules/Customers/Pages/Contacts/Index", "Delete", ct.Delete)
            .RequireRight("/Modules/Customers/Pages/Contacts/Details", ct.View)
            .RequireRight("/Modules/Customers/Pages/Contacts/Details", "Delete", ct.Delete)
            .RequireRight("/Modules/Customers/Pages/Contacts/Details", "Merge", ct.Edit)
            .RequireRight("/Modules/Customers/Pages/Contacts/New", ct.Create)
            .RequireRight("/Modules/Customers/Pages/Contacts/Edit", ct.Edit)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Export", cp.Export)
            .RequireRight("/Modules/Customers/Pages/Contacts/Export", ct.Export)
            .RequireRight("/Modules/Customers/Pages/Counterparties/Import", cp.Import)
            .RequireRight("/Modules/Customers/Pages/Contacts/Import", ct.Import));
        services.AddScoped<CustomerExport>();
        services.AddScoped<CustomerImporter>();
        services.AddScoped<ImportJob>();
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value);
        services.AddSingleton<ImportBacklog>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        services.AddSearchArea<CounterpartySearch>();
        services.AddSearchArea<ContactSearch>();
        services.AddSingleton(new NavigationItem("customers", "Customers", "/customers/counterparties", 100, typeof(CustomersTexts), CustomersRights.Counterparties.View));
        return services;
    }

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder endpoints)
    {
        CustomersApi.Map(endpoints);
        return endpoints;
    }
}
