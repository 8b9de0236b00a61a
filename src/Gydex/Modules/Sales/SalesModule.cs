using Gydex.Kernel.Access;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.Search;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Web;

namespace Gydex.Modules.Sales;

/// <summary>Sales: pipelines and their stages, deals (list, board, card), tasks and activities.</summary>
public static class SalesModule
{
    private const string Pages = "/Modules/Sales/Pages/";

    public static IServiceCollection AddSales(this IServiceCollection services)
    {
        services.AddRights<SalesRights>();
        services.AddStereotypeGrants<SalesStereotypeGrants>();
        SalesJournal.AddSalesJournal(services);
        services.AddCustomFieldEntity(new CustomFieldEntityType(Deal.CustomFieldsType, new LocalizedText("Сделки", "Deals"),
            (db, id) => db.Find<Deal>(id)?.Code));
        services.AddSearchArea<DealsSearchArea>();
        services.AddSearchArea<TasksSearchArea>();
        services.AddScoped<SalesPeople>();
        services.AddScoped<SalesClock>();
        services.AddScoped<SalesCustomers>();
        services.AddScoped<SalesRecords>();
        services.AddScoped<Pipelines>();
        services.AddScoped<Deals>();
        services.AddScoped<Tasks>();
        services.AddScoped<Activities>();
        services.AddScoped<IOrganizationSeed, SalesOrganizationSeed>();
        services.AddScoped<IOrganizationUpgrade, SalesOrganizationSeed>();
        services.AddSingleton(new NavigationItem("deals", "Deals", "/deals/board", 100, typeof(SalesTexts), SalesRights.DealsView));
        services.AddSingleton(new PageScript("/js/reminder.js", "~/sales/reminder", SalesRights.TasksView));
        services.AddSingleton(new NavigationItem("tasks", "Tasks", "/tasks", 110, typeof(SalesTexts), SalesRights.TasksView));
        services.AddSingleton(new NavigationItem("activities", "Activities", "/activities", 120, typeof(SalesTexts), SalesRights.ActivitiesView));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight(Pages + "Board", SalesRights.DealsView)
            .RequireRight(Pages + "Board", "Move", SalesRights.DealsEdit)
            .RequireRight(Pages + "Deals", SalesRights.DealsView)
            .RequireRight(Pages + "Deals", "Assign", SalesRights.DealsEdit)
            .RequireRight(Pages + "Deals", "Delete", SalesRights.DealsDelete)
            .RequireRight(Pages + "DealsExport", SalesRights.DealsExport)
            .RequireRight(Pages + "NewDeal", SalesRights.DealsCreate)
            .RequireRight(Pages + "Deal", SalesRights.DealsView)
            .RequireRight(Pages + "Deal", "Save", SalesRights.DealsEdit)
            .RequireRight(Pages + "Deal", "Move", SalesRights.DealsEdit)
            .RequireRight(Pages + "Deal", "Delete", SalesRights.DealsDelete)
            .RequireRight(Pages + "Deal", "LogActivity", SalesRights.ActivitiesCreate)
            .RequireRight(Pages + "Deal", "AddTask", SalesRights.TasksCreate)
            .RequireRight(Pages + "Tasks", SalesRights.TasksView)
            .RequireRight(Pages + "Tasks", "Complete", SalesRights.TasksEdit)
            .RequireRight(Pages + "TasksExport", SalesRights.TasksExport)
            .RequireRight(Pages + "NewTask", SalesRights.TasksCreate)
            .RequireRight(Pages + "Task", SalesRights.TasksView)
            .RequireRight(Pages + "Task", "Save", SalesRights.TasksEdit)
            .RequireRight(Pages + "Task", "Complete", SalesRights.TasksEdit)
            .RequireRight(Pages + "Task", "Delete", SalesRights.TasksDelete)
            .RequireRight(Pages + "Activities", SalesRights.ActivitiesView)
            .RequireRight(Pages + "Activities", "Delete", SalesRights.ActivitiesDelete)
            .RequireRight(Pages + "ActivitiesExport", SalesRights.ActivitiesExport)
            .RequireRight(Pages + "Pipelines", SalesRights.Pipelines));
        return services;
    }

    public static IEndpointRouteBuilder MapSales(this IEndpointRouteBuilder endpoints)
    {
        SalesApi.Map(endpoints);
        PipelinesApi.Map(endpoints);
        SalesBrowserEndpoints.Map(endpoints);
        return endpoints;
    }
}
