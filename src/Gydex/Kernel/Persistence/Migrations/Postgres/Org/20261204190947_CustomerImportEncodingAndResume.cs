using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gydex.Kernel.Persistence.Migrations.Postgres.Org
{
    /// <inheritdoc />
    public partial class CustomerImportEncodingAndResume : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Encoding",
                table: "CustomerImports",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Auto"); // imports made before this read their file as detected

            migrationBuilder.AddColumn<long>(
                name: "UndoCursor",
                table: "CustomerImports",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "UndoDeleted",
                table: "CustomerImports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UndoKept",
                table: "CustomerImports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "UndoRestored",
                table: "CustomerImports",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Encoding",
                table: "CustomerImports");

            migrationBuilder.DropColumn(
                name: "UndoCursor",
                table: "CustomerImports");

            migrationBuilder.DropColumn(
                name: "UndoDeleted",
                table: "CustomerImports");

            migrationBuilder.DropColumn(
                name: "UndoKept",
                table: "CustomerImports");

            migrationBuilder.DropColumn(
                name: "UndoRestored",
                table: "CustomerImports");
        }
    }
}
