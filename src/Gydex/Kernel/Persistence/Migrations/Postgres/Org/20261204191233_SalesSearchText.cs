using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gydex.Kernel.Persistence.Migrations.Postgres.Org
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
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Deals",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_SearchText_trgm",
                table: "Tasks",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Deals_SearchText_trgm",
                table: "Deals",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_SearchText_trgm",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Deals_SearchText_trgm",
                table: "Deals");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Deals");
        }
    }
}
