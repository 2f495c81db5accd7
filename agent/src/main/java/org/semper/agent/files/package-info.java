/** Files the agent keeps: written whole (temporary file, then rename), and directories locked for one owner. */
package org.semper.agent.files;
