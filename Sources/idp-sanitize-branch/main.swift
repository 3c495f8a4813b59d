import IDPRuntime
import IDPTools

ToolMain.main(SanitizeBranchTool.command)
