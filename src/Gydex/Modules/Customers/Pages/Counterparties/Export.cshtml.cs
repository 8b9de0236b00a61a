using Gydex.Kernel.Lists;
using Gydex.Kernel.Organizations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gydex.Modules.Customers.Pages;

/// <summary>The filtered list as a CSV or Excel file (the list page's filter, within the export right's scope).</summary>
public abstract class ExportModel(CustomerExport export, CurrentOrganization organization, string target) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? format)
    {
        var table = format == "xlsx" ? TableFormat.Xlsx : TableFormat.Csv;
        Response.ContentType = TableFiles.ContentType(table);
        Response.Headers.ContentDisposition =
            $"attachment; filename=\"{target}-{organization.Required.Slug}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{(table == TableFormat.Csv ? "csv" : "xlsx")}\"";
        await export.ExportAsync(target, ListQuery.From(Request.Query), table, Response.Body, HttpContext.RequestAborted);
        return new EmptyResult();
    }
}

public sealed class CounterpartiesExportModel(CustomerExport export, CurrentOrganization organization) : ExportModel(export, organization, "counterparties");

public sealed class ContactsExportModel(CustomerExport export, CurrentOrganization organization) : ExportModel(export, organization, "contacts");
