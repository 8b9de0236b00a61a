using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gydex.Kernel.Persistence.Migrations.Sqlite.Org
{
    /// <inheritdoc />
    public partial class SalesSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Tasks",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Deals",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Deals");
        }
    }
}
